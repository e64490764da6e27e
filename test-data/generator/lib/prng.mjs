// A small seeded pseudo-random number generator (xoshiro128**), seeded from SHA-256 of
// "<seed>/<stream>": the same seed always gives the same numbers, and each named stream is
// independent, so adding background patients does not change the flagged children, for example.
import { createHash } from 'node:crypto';

export class Random {
  constructor(seed, stream = '') {
    const digest = createHash('sha256').update(`${seed}/${stream}`).digest();
    this.s = new Uint32Array([digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)]);
    if (this.s.every((x) => x === 0)) this.s[0] = 1;
  }

  /** Next unsigned 32-bit integer. */
  next() {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** Uniform in [0, 1). */
  float() {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min, max) {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p) {
    return this.float() < p;
  }

  pick(items) {
    return items[Math.floor(this.float() * items.length)];
  }

  /** One of [[value, weight], ...], in proportion to the weights. */
  weighted(pairs) {
    const total = pairs.reduce((sum, [, weight]) => sum + weight, 0);
    let r = this.float() * total;
    for (const [value, weight] of pairs) {
      if ((r -= weight) < 0) return value;
    }
    return pairs[pairs.length - 1][0];
  }

  /** Shuffles a typed array or array in place (Fisher-Yates). */
  shuffle(items) {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }
}

function rotl(x, k) {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
