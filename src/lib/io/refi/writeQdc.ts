// Writes a codebook as a REFI-QDA codebook file (.qdc, QDA-XML codebook 1.0): nested Codes with
// guid, name, colour and a Description holding the definition, inclusion and exclusion criteria
// and example (writeConventions.ts), and, when themes are given, one Set per theme with its
// member codes (named as in a .qdpx, so a theme structure travels with the codebook).
// Accepts a project's codes or a Tema codebook file (JSON), whose codes may have no ids.

import { buildTree, type CodeNode } from '../../domain/codebook';
import type { CodebookFile, CodebookFileCode } from '../../domain/codebookFile';
import { isMainTheme, themesInOrder } from '../../domain/themes';
import type { Code, Theme } from '../../domain/types';
import { codeDescription, themeDescription, themeSetName } from './writeConventions';
import { GuidMap } from './writeGuid';
import { attr, xmlText, type XmlTally } from './writeXml';
import { REFI_CODEBOOK_NS } from './xml';

export interface WriteQdcOptions {
	/** The CodeBook's origin attribute (default "Tema"). */
	origin?: string;
	/** Themes to write as Sets of their member codes (only with project codes). */
	themes?: readonly Theme[];
}

/** A code as the writer needs it, from either input. */
interface QdcCode {
	key: string;
	name: string;
	color?: string;
	description: string;
	children: QdcCode[];
}

function fromNode(node: CodeNode): QdcCode {
	const c = node.code;
	return { key: c.id, name: c.name, color: c.color, description: codeDescription(c), children: node.children.map(fromNode) };
}

function fromFile(fc: CodebookFileCode, path: string): QdcCode {
	const here = `${path}/${fc.name}`;
	return {
		// Codes without an id of their own are named by their place in the tree: stable across exports.
		key: fc.id ?? `path:${here}`,
		name: fc.name,
		color: fc.color,
		description: codeDescription({ definition: fc.definition ?? '', include: fc.include ?? '', exclude: fc.exclude ?? '', example: fc.example ?? '' }),
		children: (fc.children ?? []).map((c) => fromFile(c, here))
	};
}

const isFile = (input: readonly Code[] | CodebookFile): input is CodebookFile => !Array.isArray(input);

/**
 * The .qdc text. Throws when there is no code at all: the schema requires at least one, and an
 * empty codebook file would be of no use to anyone.
 */
export function writeQdc(input: readonly Code[] | CodebookFile, options: WriteQdcOptions = {}): string {
	const codes: QdcCode[] = isFile(input) ? input.codes.map((c) => fromFile(c, '')) : buildTree(input).map(fromNode);
	if (codes.length === 0) throw new Error('The codebook has no codes, and a .qdc file must hold at least one.');
	const g = new GuidMap();
	const tally: XmlTally = { replaced: 0 };
	const a = (name: string, v: string | undefined) => attr(name, v, tally);
	const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n', `<CodeBook xmlns="${REFI_CODEBOOK_NS}"${a('origin', options.origin ?? 'Tema')}>\n<Codes>\n`];
	const write = (c: QdcCode) => {
		const color = c.color && /^#[0-9a-f]{6}$/i.test(c.color) ? c.color.toLowerCase() : undefined;
		out.push(`<Code${a('guid', g.get('code', c.key))}${a('name', c.name)} isCodable="true"${a('color', color)}`);
		if (!c.description && c.children.length === 0) {
			out.push('/>\n');
			return;
		}
		out.push('>');
		if (c.description) out.push(`<Description>${xmlText(c.description, tally)}</Description>`);
		out.push('\n');
		c.children.forEach(write);
		out.push('</Code>\n');
	};
	codes.forEach(write);
	out.push('</Codes>\n');

	const themes = isFile(input) ? [] : themesInOrder(options.themes ?? []);
	if (themes.length > 0) {
		const codeIds = new Set((input as readonly Code[]).map((c) => c.id));
		const byId = new Map(themes.map((t) => [t.id, t]));
		out.push('<Sets>\n');
		for (const t of themes) {
			const parent = t.parentId ? (byId.get(t.parentId) ?? null) : null;
			const desc = themeDescription(t);
			out.push(`<Set${a('guid', g.get('theme', t.id))}${a('name', themeSetName(t, parent, isMainTheme(themes, t.id)))}>`);
			if (desc) out.push(`<Description>${xmlText(desc, tally)}</Description>`);
			for (const id of t.codeIds) if (codeIds.has(id)) out.push(`<MemberCode${a('guid', g.get('code', id))}/>`);
			out.push('</Set>\n');
		}
		out.push('</Sets>\n');
	}
	out.push('</CodeBook>\n');
	return out.join('');
}
