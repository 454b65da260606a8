import { chacha20_block, chacha20_init } from './src/ref/chacha20';
const s = new Uint32Array(16), o = new Uint8Array(64);
chacha20_init(s, new Uint8Array(32), new Uint8Array(12), 0);
for (let rep = 0; rep < 5; rep++) {
	const t = performance.now();
	for (let i = 0; i < 10000; i++) chacha20_block(o, s);
	console.log('us/block', (performance.now() - t) * 1000 / 10000);
}
