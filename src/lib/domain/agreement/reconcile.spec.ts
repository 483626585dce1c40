import { describe, expect, it } from 'vitest';
import { applyChangesToList, invertChanges } from '../history';
import type { Change, Coding, Decision } from '../types';
import { compareCoders } from './compare';
import { analysisCodings, copyAgreements, decide, joinNames, nextOpen, provenanceSummary, reconcileProgress, reconcileState, undecide, type DecideContext } from './reconcile';

const TEXT = 'abcdefghijklmnopqrstuvwxyz'.repeat(30);
let n = 0;
const k = (coderId: string, codeId: string, start: number, end: number): Coding => ({
	id: `k${++n}`, projectId: 'p', docId: 'd', codeId, coderId, start, end, quote: TEXT.slice(start, end), prefix: '', suffix: '', createdAt: 0
});

/** A project's codings and decisions, changed only through Change lists as the app does. */
function world(codings: Coding[]) {
	let ids = 0;
	const w = {
		codings,
		decisions: [] as Decision[],
		apply(changes: Change[]) {
			w.codings = applyChangesToList(w.codings, changes, 'coding');
			w.decisions = applyChangesToList(w.decisions, changes, 'decision');
		},
		ctx(now = 1000): DecideContext {
			return {
				projectId: 'p', consensusId: 'C', docId: 'd', coderIds: ['a', 'b'], text: TEXT, decidedBy: 'a', now,
				newId: () => `new${++ids}`, consensusCodings: w.codings.filter((x) => x.coderId === 'C')
			};
		},
		state() {
			return reconcileState('d', compareCoders(w.codings, ['a', 'b']), w.decisions, 'C');
		},
		consensus() {
			return w.codings.filter((x) => x.coderId === 'C').map((x) => [x.codeId, x.start, x.end]);
		}
	};
	return w;
}

const sample = () => [
	k('a', 'X', 0, 100), k('b', 'X', 0, 100), // exact
	k('a', 'X', 200, 300), k('b', 'X', 205, 300), // agree (95 %)
	k('a', 'X', 400, 500), k('b', 'X', 450, 520), // partial
	k('a', 'Y', 10, 50), // only a
	k('b', 'Y', 600, 650) // only b
];

describe('reconciling two coders into a consensus layer', () => {
	it('lists disagreements and agreements, none settled at first', () => {
		const w = world(sample());
		const s = w.state();
		expect(s.disagreements.map((i) => [i.stretch.codeId, i.stretch.start, i.stretch.status])).toEqual([
			['Y', 10, 'only'], ['X', 400, 'partial'], ['Y', 600, 'only']
		]);
		expect(s.agreements).toHaveLength(2);
		expect(s.decided).toBe(0);
		expect(s.agreementsCopied).toBe(0);
	});

	it('copies agreements: the shared span for the same passage, the whole stretch when boundaries differ a little', () => {
		const w = world(sample());
		const { changes, copied } = copyAgreements(w.ctx(), w.state());
		w.apply(changes);
		expect(copied).toBe(2);
		expect(w.consensus()).toEqual([['X', 0, 100], ['X', 200, 300]]);
		const exact = w.codings.find((x) => x.coderId === 'C' && x.start === 0);
		expect(exact?.provenance).toMatchObject({ decision: 'agreed', fromCoderIds: ['a', 'b'], decidedBy: 'a', decidedAt: 1000 });
		expect(exact?.provenance?.sourceIds).toHaveLength(2);
		expect(exact?.quote).toBe(TEXT.slice(0, 100));
		expect(w.state().agreementsCopied).toBe(2);
		// Copying again copies nothing.
		expect(copyAgreements(w.ctx(), w.state()).copied).toBe(0);
	});

	it('accept A, accept B, keep both, merge and reject each write what they say, with provenance', () => {
		const w = world(sample());
		const [onlyA, partial, onlyB] = w.state().disagreements;
		const r1 = decide(w.ctx(), onlyA, { kind: 'accept', coderId: 'a' });
		if (!r1.ok) throw new Error(r1.error);
		w.apply(r1.changes);
		expect(w.consensus()).toEqual([['Y', 10, 50]]);
		expect(r1.decision).toMatchObject({ decision: 'accept', acceptedCoderId: 'a', status: 'only', coderIds: ['a', 'b'] });

		const p = w.state().disagreements[1];
		expect(p.stretch.start).toBe(partial.stretch.start);
		const r2 = decide(w.ctx(2000), p, { kind: 'merge' });
		if (!r2.ok) throw new Error(r2.error);
		w.apply(r2.changes);
		const merged = w.codings.find((x) => x.coderId === 'C' && x.codeId === 'X');
		expect([merged?.start, merged?.end]).toEqual([400, 520]);
		expect(merged?.quote).toBe(TEXT.slice(400, 520));
		expect(merged?.provenance).toMatchObject({ decision: 'merge', fromCoderIds: ['a', 'b'], decidedAt: 2000 });

		const r3 = decide(w.ctx(), onlyB, { kind: 'reject' });
		if (!r3.ok) throw new Error(r3.error);
		w.apply(r3.changes);
		expect(r3.decision.codingIds).toEqual([]);
		const s = w.state();
		expect(s.decided).toBe(3);
		expect(w.consensus()).toHaveLength(2);
	});

	it('refuses to accept the version of a coder who did not code the passage', () => {
		const w = world(sample());
		const onlyA = w.state().disagreements[0];
		const r = decide(w.ctx(), onlyA, { kind: 'accept', coderId: 'b' });
		expect(r.ok).toBe(false);
	});

	it('keeping both versions writes each distinct span once', () => {
		const w = world(sample());
		const partial = w.state().disagreements[1];
		const r = decide(w.ctx(), partial, { kind: 'both' });
		if (!r.ok) throw new Error(r.error);
		w.apply(r.changes);
		expect(w.consensus()).toEqual([['X', 400, 500], ['X', 450, 520]]);
	});

	it('deciding again replaces the earlier decision and its codings; undo of the changes restores it', () => {
		const w = world(sample());
		const partial = w.state().disagreements[1];
		const r1 = decide(w.ctx(), partial, { kind: 'merge' });
		if (!r1.ok) throw new Error(r1.error);
		w.apply(r1.changes);
		const again = w.state().disagreements[1];
		expect(again.decision?.decision).toBe('merge');
		const r2 = decide(w.ctx(), again, { kind: 'accept', coderId: 'b' });
		if (!r2.ok) throw new Error(r2.error);
		w.apply(r2.changes);
		expect(w.consensus()).toEqual([['X', 450, 520]]);
		expect(w.decisions).toHaveLength(1);
		w.apply(invertChanges(r2.changes));
		expect(w.consensus()).toEqual([['X', 400, 520]]);
		expect(w.decisions.map((d) => d.decision)).toEqual(['merge']);
	});

	it('reopening a stretch removes its decision and consensus codings', () => {
		const w = world(sample());
		const item = w.state().disagreements[0];
		const r = decide(w.ctx(), item, { kind: 'accept', coderId: 'a' });
		if (!r.ok) throw new Error(r.error);
		w.apply(r.changes);
		w.apply(undecide(r.decision, w.codings.filter((x) => x.coderId === 'C')));
		expect(w.consensus()).toEqual([]);
		expect(w.state().decided).toBe(0);
	});

	it('a decision whose stretch changed (a coder edited the coding) is outdated and the new stretch is open', () => {
		const w = world(sample());
		const partial = w.state().disagreements[1];
		const r = decide(w.ctx(), partial, { kind: 'merge' });
		if (!r.ok) throw new Error(r.error);
		w.apply(r.changes);
		const bCoding = w.codings.find((x) => x.coderId === 'b' && x.start === 450)!;
		w.codings = w.codings.map((x) => (x.id === bCoding.id ? { ...x, end: 530 } : x));
		const s = w.state();
		expect(s.outdated.map((d) => d.id)).toEqual([r.decision.id]);
		expect(s.disagreements[1].decision).toBeNull();
		expect(w.consensus()).toEqual([['X', 400, 520]]);
	});

	it('decisions of another consensus layer or transcript do not count', () => {
		const w = world(sample());
		const r = decide({ ...w.ctx(), consensusId: 'C2' }, w.state().disagreements[0], { kind: 'reject' });
		if (!r.ok) throw new Error(r.error);
		w.apply(r.changes);
		expect(w.state().decided).toBe(0);
	});

	it('the next open disagreement wraps round and skips settled ones', () => {
		const w = world(sample());
		const [first, second, third] = w.state().disagreements;
		const r = decide(w.ctx(), second, { kind: 'reject' });
		if (!r.ok) throw new Error(r.error);
		w.apply(r.changes);
		const s = w.state().disagreements;
		expect(nextOpen(s, s[0])?.stretch.start).toBe(third.stretch.start);
		expect(nextOpen(s, s[2])?.stretch.start).toBe(first.stretch.start);
		expect(nextOpen([s[0], s[1]], s[0])).toBeNull();
	});

	it('progress over transcripts counts open disagreements of one layer per transcript', () => {
		const w = world(sample());
		const r = decide(w.ctx(), w.state().disagreements[0], { kind: 'reject' });
		if (!r.ok) throw new Error(r.error);
		w.apply(r.changes);
		const other = compareCoders([k('a', 'X', 0, 10)], ['a', 'b']);
		const byDoc = new Map([['d', compareCoders(w.codings, ['a', 'b'])], ['e', other]]);
		const p = reconcileProgress(byDoc, w.decisions, 'C');
		expect(p.per.get('d')).toEqual({ open: 2, total: 3 });
		expect(p.per.get('e')).toEqual({ open: 1, total: 1 });
		expect([p.open, p.total]).toEqual([3, 4]);
		expect(reconcileProgress(byDoc, w.decisions, 'C2').open).toBe(4);
	});

	it('the analysis layer is one coder’s codings when chosen, everyone’s otherwise', () => {
		const all = sample();
		expect(analysisCodings(all, null)).toBe(all);
		expect(analysisCodings(all, 'b').every((x) => x.coderId === 'b')).toBe(true);
		expect(analysisCodings(all, 'b')).toHaveLength(4);
	});
});

describe('provenance in words', () => {
	it('names the decision, the coders and who decided', () => {
		const names: Record<string, string> = { a: 'Anna', b: 'Ben', c: 'Cai' };
		const p = { decisionId: 'd', decision: 'merge' as const, fromCoderIds: ['a', 'b', 'c'], sourceIds: [], decidedBy: 'a', decidedAt: 0 };
		expect(provenanceSummary(p, (id) => names[id])).toBe('merged boundaries from Anna, Ben and Cai; decided by Anna');
		expect(provenanceSummary({ ...p, decision: 'accept', fromCoderIds: ['b'] }, (id) => names[id])).toBe('accepted one version from Ben; decided by Anna');
		expect([joinNames([]), joinNames(['Anna']), joinNames(['Anna', 'Ben'])]).toEqual(['', 'Anna', 'Anna and Ben']);
	});
});
