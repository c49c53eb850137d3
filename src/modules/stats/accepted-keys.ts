// The observations an import run has accepted so far, and where in the file each came from. A
// file may hold the same (series, geo, period) twice; the first one wins and every later one is
// rejected as its duplicate, wherever the two fall: in one batch of writes or in two batches far
// apart (the database cannot tell, since the first was already written or was there before).
//
// Held for the whole run, so it is kept small: series, geos and periods are numbered as they come
// and packed into one number per observation, kept with its line number in an open-addressing
// table of typed arrays (12 bytes a slot, at most half full: about 24 MB for a million
// observations, outside the garbage-collected heap). A JavaScript Map of the same took three times
// that and pushed the million-row import past its 300 MB target. What does not pack (more than 2^24
// series, 2^14 geos or 2^15 periods in one run; a position such as `value[17]` instead of a line
// number) goes to an ordinary Map beside it.
const GEO_SLOTS = 2 ** 14;
const PERIOD_SLOTS = 2 ** 15;
const SERIES_LIMIT = 2 ** 24;
const LINE_LIMIT = 2 ** 32;

export class AcceptedKeys {
  private readonly series = new Map<string, number>();
  private readonly geos = new Map<string, number>();
  private readonly periods = new Map<string, number>();
  private readonly packed = new PackedTable();
  private readonly others = new Map<string, string>();
  /** How many observations were accepted. */
  size = 0;

  /**
   * Accept the observation found `at` (a line number, or a position such as `value[17]`), unless
   * the run has already accepted one with the same series, geo and period: then where that was.
   */
  claim(seriesId: string, geo: string, period: string, at: string): string | null {
    const s = numbered(this.series, seriesId);
    const g = numbered(this.geos, geo);
    const p = numbered(this.periods, period);
    const line = /^[1-9]\d{0,9}$/.test(at) ? Number(at) : LINE_LIMIT;
    if (s < SERIES_LIMIT && g < GEO_SLOTS && p < PERIOD_SLOTS) {
      const key = (s * GEO_SLOTS + g) * PERIOD_SLOTS + p;
      const earlier = this.packed.get(key);
      if (earlier !== undefined) return earlier === 0 ? this.others.get(`@${key}`)! : String(earlier);
      if (line < LINE_LIMIT) this.packed.set(key, line);
      else {
        this.packed.set(key, 0); // 0: where it was is kept beside
        this.others.set(`@${key}`, at);
      }
      this.size++;
      return null;
    }
    const key = `${s}:${g}:${p}`;
    const earlier = this.others.get(key);
    if (earlier !== undefined) return earlier;
    this.others.set(key, at);
    this.size++;
    return null;
  }
}

function numbered(numbers: Map<string, number>, value: string): number {
  let n = numbers.get(value);
  if (n === undefined) {
    n = numbers.size;
    numbers.set(value, n);
  }
  return n;
}

/** Integer keys below 2^53 → unsigned 32-bit values; linear probing, doubling at half full. */
class PackedTable {
  private keys = new Float64Array(1 << 12); // key + 1; 0 marks an empty slot
  private values = new Uint32Array(1 << 12);
  size = 0;

  get(key: number): number | undefined {
    const mask = this.keys.length - 1;
    for (let i = hash(key) & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === 0) return undefined;
      if (k === key + 1) return this.values[i];
    }
  }

  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    this.place(key, value);
    this.size++;
  }

  private place(key: number, value: number): void {
    const mask = this.keys.length - 1;
    let i = hash(key) & mask;
    while (this.keys[i] !== 0) i = (i + 1) & mask;
    this.keys[i] = key + 1;
    this.values[i] = value;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Uint32Array(values.length * 2);
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.place(keys[i]! - 1, values[i]!);
  }
}

/** A 32-bit mix of both halves of the key (murmur3's finaliser), so packed neighbours spread out. */
function hash(key: number): number {
  let h = (key >>> 0) ^ Math.imul(Math.floor(key / 2 ** 32), 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
