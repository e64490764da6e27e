// NHS numbers: 10 digits, the last a modulus 11 check digit of the first nine (weights 10..2;
// check = 11 - sum mod 11; 11 is written 0; 10 means the nine digits make no valid number).
import { Random } from './prng.mjs';

/** The check digit for nine digits (a string), or null when there is none (the number is invalid). */
export function checkDigit(nine) {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (nine.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return check === 11 ? 0 : check;
}

export function isValid(nhsNumber) {
  return /^[0-9]{10}$/.test(nhsNumber) && checkDigit(nhsNumber.slice(0, 9)) === Number(nhsNumber[9]);
}

/**
 * Synthetic NHS numbers in a random but reproducible order, never repeating. Numbers come first from
 * 999 1xx xxxx .. 999 9xx xxxx (999 0xx xxxx is left to the hand-curated samples), about 818,000
 * valid ones, then, only if more are asked for (a large background population), from the 998 block.
 * Neither block is issued to real patients. With first = '998' the 998 block is used first.
 */
export class NhsNumberSource {
  constructor(seed, stream, first = '999') {
    this.random = new Random(seed, stream);
    this.blocks = [{ prefix: '999', from: 100000 }, { prefix: '998', from: 0 }];
    if (first === '998') this.blocks.reverse();
    this.block = -1;
    this.order = null;
    this.position = 0;
  }

  next() {
    for (;;) {
      if (this.order === null || this.position >= this.order.length) this.openNextBlock();
      const { prefix } = this.blocks[this.block];
      const nine = prefix + String(this.order[this.position++]).padStart(6, '0');
      const check = checkDigit(nine);
      if (check !== null) return nine + check;
    }
  }

  openNextBlock() {
    this.block++;
    if (this.block >= this.blocks.length) throw new Error('ran out of synthetic NHS numbers (999 and 998 blocks)');
    const { from } = this.blocks[this.block];
    this.order = new Int32Array(1000000 - from);
    for (let i = 0; i < this.order.length; i++) this.order[i] = from + i;
    this.random.shuffle(this.order);
    this.position = 0;
  }
}
