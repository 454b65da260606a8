/*
 * mac1, mac2 and cookies (paper §5.4.4, §5.4.7; go device/cookie.go; facts §6).
 *
 * CookieChecker is the receiving side for our own identity: it checks mac1 on every handshake message
 * and, under load, mac2 against a cookie it derives from the sender's address with a secret that
 * rotates every two minutes; it makes the cookie replies. CookieGenerator is the sending side for one
 * peer: it adds mac1 (and mac2 when it holds a fresh cookie) and takes in that peer's cookie replies.
 */
import type { Crypto } from '@wgup/crypto';
import { timingsafe_bcmp } from '@wgup/prelude';
import { COOKIE_LEN, COOKIE_REFRESH_TIME, MAC_LEN, XNONCE_LEN } from './constants';
import { COOKIE_REPLY, type MessageLayout } from './layout';
import { fieldView, mac1Span, mac2Span, newMessage, setBytes, setU32, type CookieReply } from './messages';

export type Rng = (n: number) => Uint8Array;

function mac(c: Crypto, key: Uint8Array, data: Uint8Array): Uint8Array {
	return c.blake2s(data, { key, outLen: MAC_LEN });
}

export class CookieChecker {
	private secret: Uint8Array = new Uint8Array(32);
	/** when the secret was made; -Infinity: never, so the first mac2 check fails until a reply is sent */
	private secretBorn = -Infinity;

	constructor(private readonly c: Crypto, private readonly mac1Key: Uint8Array, private readonly cookieKey: Uint8Array,
		private readonly random: Rng) {}

	/** mac1 = Mac(Hash(Label-Mac1 || our public key), bytes before mac1), compared in constant time. */
	checkMac1(l: MessageLayout, msg: Uint8Array): boolean {
		const want = mac(this.c, this.mac1Key, mac1Span(l, msg));
		return timingsafe_bcmp(want, fieldView(l, msg, 'mac1'), MAC_LEN) === 0;
	}

	/** mac2 with the cookie this source would hold; false while the secret is stale (go CheckMAC2). */
	checkMac2(l: MessageLayout, msg: Uint8Array, source: Uint8Array, now: number): boolean {
		if (now - this.secretBorn > COOKIE_REFRESH_TIME) return false;
		const cookie = mac(this.c, this.secret, source);
		const want = mac(this.c, cookie, mac2Span(l, msg));
		return timingsafe_bcmp(want, fieldView(l, msg, 'mac2'), MAC_LEN) === 0;
	}

	/** A cookie reply to msg from source, addressed to the sender index it carried. */
	createReply(l: MessageLayout, msg: Uint8Array, senderIndex: number, source: Uint8Array, now: number): Uint8Array {
		if (now - this.secretBorn > COOKIE_REFRESH_TIME) {
			this.secret.fill(0);
			this.secret = this.random(32);
			this.secretBorn = now;
		}
		const cookie = mac(this.c, this.secret, source);
		const nonce = this.random(XNONCE_LEN);
		const sealed = this.c.xchacha20poly1305Seal(this.cookieKey, nonce, cookie, fieldView(l, msg, 'mac1'));
		const reply = newMessage(COOKIE_REPLY);
		setU32(COOKIE_REPLY, reply, 'receiver', senderIndex);
		setBytes(COOKIE_REPLY, reply, 'nonce', nonce);
		setBytes(COOKIE_REPLY, reply, 'encrypted_cookie', sealed);
		return reply;
	}
}

export class CookieGenerator {
	private cookie: Uint8Array | null = null;
	private cookieBorn = 0;
	private lastMac1: Uint8Array | null = null;

	constructor(private readonly c: Crypto, private readonly mac1Key: Uint8Array, private readonly cookieKey: Uint8Array) {}

	/** Fill mac1 and mac2 of an outgoing handshake message (go AddMacs). */
	addMacs(l: MessageLayout, msg: Uint8Array, now: number): void {
		const m1 = mac(this.c, this.mac1Key, mac1Span(l, msg));
		setBytes(l, msg, 'mac1', m1);
		this.lastMac1 = m1;
		if (this.cookie !== null && now - this.cookieBorn < COOKIE_REFRESH_TIME) {
			setBytes(l, msg, 'mac2', mac(this.c, this.cookie, mac2Span(l, msg)));
		} else {
			setBytes(l, msg, 'mac2', new Uint8Array(MAC_LEN));
		}
	}

	/** Take in a cookie reply: true when it decrypted under the mac1 we last sent. */
	consumeReply(reply: CookieReply, now: number): boolean {
		if (this.lastMac1 === null) return false;
		const cookie = this.c.xchacha20poly1305Open(this.cookieKey, reply.nonce, reply.encryptedCookie, this.lastMac1);
		if (cookie === null || cookie.length !== COOKIE_LEN) return false;
		this.cookie = cookie;
		this.cookieBorn = now;
		return true;
	}

	hasCookie(now: number): boolean {
		return this.cookie !== null && now - this.cookieBorn < COOKIE_REFRESH_TIME;
	}
}
