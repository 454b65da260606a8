/*
 * A reproducible release tarball: POSIX ustar, entries sorted by path, every mtime set to one given
 * instant, owner root:wheel (0:0), modes normalised to 0644/0755, then gzip with no name and no time
 * in its header. The same tree and instant always give the same bytes, so the SHA-256 in the ports
 * tree's distinfo can be recomputed by anyone.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface TarEntry {
	/** path inside the archive, relative, POSIX separators, no trailing slash */
	readonly path: string;
	readonly content: Uint8Array | string;
	/** executable files keep 0755, everything else is 0644 */
	readonly executable?: boolean;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
	// width includes the terminating NUL
	const s = value.toString(8);
	if (s.length > width - 1) throw new Error(`tar: value ${value} does not fit in ${width - 1} octal digits`);
	return s.padStart(width - 1, '0') + '\0';
}

function putString(buf: Buffer, offset: number, width: number, s: string): void {
	const bytes = Buffer.from(s, 'utf8');
	if (bytes.length > width) throw new Error(`tar: "${s}" is longer than ${width} bytes`);
	bytes.copy(buf, offset);
}

/** Split a path into ustar's prefix (155) and name (100) fields. */
function splitPath(p: string): { name: string; prefix: string } {
	if (Buffer.byteLength(p) <= 100) return { name: p, prefix: '' };
	for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) {
		const prefix = p.slice(0, i);
		const name = p.slice(i + 1);
		if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
	}
	throw new Error(`tar: path too long for ustar: ${p}`);
}

function header(path: string, size: number, mode: number, mtime: number, type: '0' | '5'): Buffer {
	const h = Buffer.alloc(BLOCK, 0);
	const { name, prefix } = splitPath(path);
	putString(h, 0, 100, name);
	putString(h, 100, 8, octal(mode, 8));
	putString(h, 108, 8, octal(0, 8));
	putString(h, 116, 8, octal(0, 8));
	putString(h, 124, 12, octal(size, 12));
	putString(h, 136, 12, octal(mtime, 12));
	h.fill(0x20, 148, 156); // checksum field counts as spaces while summing
	putString(h, 156, 1, type);
	putString(h, 257, 6, 'ustar\0');
	putString(h, 263, 2, '00');
	putString(h, 265, 32, 'root');
	putString(h, 297, 32, 'wheel');
	putString(h, 345, 155, prefix);
	let sum = 0;
	for (const b of h) sum += b;
	putString(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
	return h;
}

function validate(p: string): void {
	if (!p || p.startsWith('/') || p.endsWith('/') || p.split('/').some((c) => c === '' || c === '.' || c === '..')) {
		throw new Error(`tar: bad entry path "${p}" (relative, no empty, "." or ".." components)`);
	}
}

/** The uncompressed ustar archive. Directories are implied by the file paths and written sorted too. */
export function tarArchive(entries: readonly TarEntry[], mtime: number): Buffer {
	const files = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	const dirs = new Set<string>();
	for (const e of files) {
		validate(e.path);
		const parts = e.path.split('/');
		for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
	}
	const seen = new Set<string>();
	for (const e of files) {
		if (seen.has(e.path) || dirs.has(e.path)) throw new Error(`tar: duplicate entry ${e.path}`);
		seen.add(e.path);
	}
	const records: Array<{ path: string; dir: boolean; entry?: TarEntry }> = [
		...[...dirs].map((d) => ({ path: `${d}/`, dir: true })),
		...files.map((e) => ({ path: e.path, dir: false, entry: e })),
	].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

	const chunks: Buffer[] = [];
	for (const r of records) {
		if (r.dir) {
			chunks.push(header(r.path, 0, 0o755, mtime, '5'));
			continue;
		}
		const data = Buffer.from(typeof r.entry!.content === 'string' ? Buffer.from(r.entry!.content, 'utf8') : r.entry!.content);
		chunks.push(header(r.path, data.length, r.entry!.executable ? 0o755 : 0o644, mtime, '0'));
		chunks.push(data);
		const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
		if (pad) chunks.push(Buffer.alloc(pad, 0));
	}
	chunks.push(Buffer.alloc(2 * BLOCK, 0));
	return Buffer.concat(chunks);
}

/** tar + gzip. Node's gzip header carries no file name and a zero mtime, so the bytes are stable. */
export function tarGz(entries: readonly TarEntry[], mtime: number): Buffer {
	return gzipSync(tarArchive(entries, mtime), { level: 9 });
}

export function sha256Hex(data: Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Seconds since the epoch of a YYYYMMDD version at 00:00 UTC: the one instant all entries carry. */
export function versionEpoch(version: string): number {
	const m = /^(\d{4})(\d{2})(\d{2})$/.exec(version);
	if (!m) throw new Error(`version "${version}" is not YYYYMMDD`);
	const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000;
	const back = new Date(t * 1000);
	if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() + 1 !== Number(m[2]) || back.getUTCDate() !== Number(m[3])) {
		throw new Error(`version "${version}" is not a real date`);
	}
	return t;
}
