/**
 * Portable kernels in plain TypeScript over Float32Array views (V8 compiles these tight loops to
 * scalar machine code). Used where WebAssembly SIMD is unavailable, and as the reference the
 * SIMD kernels are tested against. Hand-written because no library offers a sparse-binary
 * gather-sum / scatter-add layer with tfjs' Adam over shared typed arrays.
 */
import { viewsOf, type Layout, type Views } from './arena.ts';
import { clearTouchedGrad, dotRow64, type AdamStep, type Kernels, type SgdRows } from './kernels.ts';

/** int32 bits of float32 −0 */
const NEG_ZERO = 0x80000000 | 0;

export class JsKernels implements Kernels {
  readonly name = 'js';
  private buffer = new ArrayBuffer(0);
  private v: Views = viewsOf(this.buffer);

  reserve(words: number): Views {
    if (words * 4 > this.buffer.byteLength) {
      const next = new ArrayBuffer(words * 4);
      new Uint8Array(next).set(new Uint8Array(this.buffer));
      this.buffer = next;
      this.v = viewsOf(next);
    }
    return this.v;
  }

  views(): Views {
    return this.v;
  }

  forward(L: Layout, n: number, masked: boolean): void {
    const { f32, i32 } = this.v;
    const { H, K } = L;
    for (let r = 0; r < n; r++) {
      const hr = L.h + r * H;
      // gather-sum: b1 plus the W1 rows of the active bits, four rows per pass (as the SIMD kernel)
      for (let u = 0; u < H; u++) f32[hr + u] = f32[L.b1 + u];
      const end = i32[L.rowPtr + r + 1];
      let k = i32[L.rowPtr + r];
      for (; k + 4 <= end; k += 4) {
        const a = L.W1 + i32[L.cols + k] * H,
          b = L.W1 + i32[L.cols + k + 1] * H;
        const c = L.W1 + i32[L.cols + k + 2] * H,
          d = L.W1 + i32[L.cols + k + 3] * H;
        for (let u = 0; u < H; u++) f32[hr + u] += f32[a + u] + f32[b + u] + (f32[c + u] + f32[d + u]);
      }
      for (; k < end; k++) {
        const a = L.W1 + i32[L.cols + k] * H;
        for (let u = 0; u < H; u++) f32[hr + u] += f32[a + u];
      }
      // ReLU and dropout
      const mr = L.mask + r * H;
      if (masked) {
        for (let u = 0; u < H; u++) {
          const z = f32[hr + u];
          f32[hr + u] = z > 0 ? z * f32[mr + u] : 0;
        }
      } else {
        for (let u = 0; u < H; u++) {
          const z = f32[hr + u];
          if (!(z > 0)) f32[hr + u] = 0;
        }
      }
      // heads: logits = b2 + W2T·h (W2 is stored transposed, one row of H per task)
      const lr = L.logits + r * K;
      for (let t = 0; t < K; t++) {
        const w = L.W2 + t * H;
        let acc = 0;
        for (let u = 0; u < H; u++) acc += f32[hr + u] * f32[w + u];
        f32[lr + t] = f32[L.b2 + t] + acc;
      }
    }
  }

  preact(L: Layout, n: number): void {
    const { f32, i32 } = this.v;
    const { H } = L;
    const fr = Math.fround;
    for (let r = 0; r < n; r++) {
      const hr = L.h + r * H;
      // the SIMD kernel's gather-sum, every addition rounded to float32 as f32x4.add does, so that both
      // kernel sets give the probes the same pre-activations bit for bit
      for (let u = 0; u < H; u++) f32[hr + u] = f32[L.b1 + u];
      const end = i32[L.rowPtr + r + 1];
      let k = i32[L.rowPtr + r];
      for (; k + 4 <= end; k += 4) {
        const a = L.W1 + i32[L.cols + k] * H,
          b = L.W1 + i32[L.cols + k + 1] * H;
        const c = L.W1 + i32[L.cols + k + 2] * H,
          d = L.W1 + i32[L.cols + k + 3] * H;
        for (let u = 0; u < H; u++) f32[hr + u] += fr(fr(f32[a + u] + f32[b + u]) + fr(f32[c + u] + f32[d + u]));
      }
      for (; k < end; k++) {
        const a = L.W1 + i32[L.cols + k] * H;
        for (let u = 0; u < H; u++) f32[hr + u] += f32[a + u];
      }
    }
  }

  backward(L: Layout, n: number, masked: boolean): number {
    const { f32, i32 } = this.v;
    const { H, K } = L;
    const gW1 = L.g,
      gb1 = L.g + (L.b1 - L.W1),
      gW2 = L.g + (L.W2 - L.W1),
      gb2 = L.g + (L.b2 - L.W1);
    let count = 0;
    for (let r = 0; r < n; r++) {
      const hr = L.h + r * H,
        dr = L.dz + r * H,
        mr = L.mask + r * H,
        lr = L.dlogits + r * K;
      let any = false;
      for (let t = 0; t < K; t++)
        if (f32[lr + t] !== 0) {
          any = true;
          break;
        }
      if (!any) continue;
      // ∂L/∂h = Σ_t dl_t·W2T[t]; heads' gradients on the way
      for (let u = 0; u < H; u++) f32[dr + u] = 0;
      for (let t = 0; t < K; t++) {
        const d = f32[lr + t];
        if (d === 0) continue;
        f32[gb2 + t] += d;
        const w = L.W2 + t * H,
          gw = gW2 + t * H;
        for (let u = 0; u < H; u++) {
          f32[dr + u] += d * f32[w + u];
          f32[gw + u] += f32[hr + u] * d;
        }
      }
      // through ReLU and dropout (h > 0 ⇔ z > 0 and kept), into gb1
      for (let u = 0; u < H; u++) {
        const dz = f32[hr + u] > 0 ? (masked ? f32[dr + u] * f32[mr + u] : f32[dr + u]) : 0;
        f32[dr + u] = dz;
        f32[gb1 + u] += dz;
      }
      // scatter-add into the W1 rows of the active bits
      const end = i32[L.rowPtr + r + 1];
      for (let k = i32[L.rowPtr + r]; k < end; k++) {
        const j = i32[L.cols + k];
        if (i32[L.touched + j] === 0) {
          i32[L.touched + j] = 1;
          i32[L.touchedList + count++] = j;
        }
        const a = gW1 + j * H;
        for (let u = 0; u < H; u++) f32[a + u] += f32[dr + u];
      }
    }
    return count;
  }

  step(L: Layout, n: number, masked: boolean, s: AdamStep): void {
    this.backward(L, n, masked);
    const { f32, i32 } = this.v;
    const { D, H } = L;
    const { beta1, oneMinusBeta1, beta2, oneMinusBeta2, invC1, invC2, negLr, epsilon } = s;
    const dm = L.m - L.W1,
      dv = L.v - L.W1,
      dg = L.g - L.W1;
    // W1 row by row: rows without gradient skip reading g (their g is 0), same arithmetic
    for (let j = 0; j < D; j++) {
      const a = L.W1 + j * H,
        e = a + H;
      if (i32[L.touched + j] !== 0) {
        i32[L.touched + j] = 0;
        for (let p = a; p < e; p++) {
          const g = f32[p + dg];
          f32[p + dg] = 0;
          const m = (f32[p + dm] = beta1 * f32[p + dm] + oneMinusBeta1 * g);
          const v = (f32[p + dv] = beta2 * f32[p + dv] + oneMinusBeta2 * (g * g));
          f32[p] += ((m * invC1) / (Math.sqrt(v * invC2) + epsilon)) * negLr;
        }
      } else {
        for (let p = a; p < e; p++) {
          const m = (f32[p + dm] = beta1 * f32[p + dm]);
          const v = (f32[p + dv] = beta2 * f32[p + dv]);
          f32[p] += ((m * invC1) / (Math.sqrt(v * invC2) + epsilon)) * negLr;
        }
      }
    }
    // b1, W2ᵀ, b2 (dense, a few thousand)
    for (let p = L.b1, e = L.W1 + L.P; p < e; p++) {
      const g = f32[p + dg];
      f32[p + dg] = 0;
      const m = (f32[p + dm] = beta1 * f32[p + dm] + oneMinusBeta1 * g);
      const v = (f32[p + dv] = beta2 * f32[p + dv] + oneMinusBeta2 * (g * g));
      f32[p] += ((m * invC1) / (Math.sqrt(v * invC2) + epsilon)) * negLr;
    }
  }

  clearGrad(L: Layout, touchedCount: number): void {
    clearTouchedGrad(this.v, L, touchedCount);
  }

  sgdShared(L: Layout, a: number, rows: SgdRows): void {
    const { f32, i32 } = this.v;
    const { H } = L;
    const dg = L.g - L.W1;
    const skip = rows !== 'all',
      negZero = rows === 'nonzero-or-negzero';
    for (let p = L.W1, end = L.b1 + H; p < end; p += H) {
      const e = p + H;
      if (skip) {
        let k = p + dg;
        while (k < e + dg && i32[k] === 0) k++;
        if (k === e + dg) {
          if (!negZero) continue;
          let q = p;
          while (q < e && i32[q] !== NEG_ZERO) q++;
          if (q === e) continue;
        }
      }
      for (let q = p; q < e; q++) {
        f32[q] -= a * f32[q + dg];
        f32[q + dg] = 0;
      }
    }
  }

  gramTimes(U: number, G: number, m: number, H: number, rows: number, n: number, delta: number): void {
    const { f64, i32 } = this.v;
    const u0 = U >> 1,
      g0 = G >> 1,
      d0 = delta >> 1;
    for (let r = 0; r < m; r++) {
      const ur = u0 + r * H,
        gr = g0 + r * m;
      // each U[r][u] summed from 0 in k order, as the SIMD kernel's registers do
      f64.fill(0, ur, ur + H);
      for (let k = 0; k < n; k++) {
        const g = f64[gr + i32[rows + k]],
          d = d0 + k * H;
        for (let u = 0; u < H; u++) f64[ur + u] += g * f64[d + u];
      }
    }
  }

  deltas(out: number, A: number, rows: number, count: number, w: number, dl: number, H: number): void {
    const { f64, i32 } = this.v;
    for (let k = 0; k < count; k++) {
      const a = (A >> 1) + i32[rows + k] * H,
        o = (out >> 1) + k * H,
        d = f64[(dl >> 1) + k];
      for (let u = 0; u < H; u++) f64[o + u] = f64[a + u] > 0 ? d * f64[(w >> 1) + u] : 0;
    }
  }

  widen(out: number, src: number, rows: number, count: number, H: number): void {
    const { f32, f64, i32 } = this.v;
    for (let k = 0; k < count; k++) {
      const s = src + i32[rows + k] * H,
        o = (out >> 1) + k * H;
      for (let u = 0; u < H; u++) f64[o + u] = f32[s + u];
    }
  }

  stepRelu(h: number, A: number, U: number, lr: number, count: number): void {
    const { f64 } = this.v;
    const h0 = h >> 1,
      a0 = A >> 1,
      u0 = U >> 1;
    for (let i = 0; i < count; i++) {
      const a = f64[a0 + i] - lr * f64[u0 + i];
      f64[h0 + i] = a > 0 ? a : 0;
    }
  }

  logits(out: number, h: number, W: number, b2: number, entryRow: number, entryTask: number, count: number, H: number): void {
    const { f64, i32 } = this.v;
    for (let e = 0; e < count; e++) {
      const t = i32[entryTask + e];
      f64[(out >> 1) + e] = f64[(b2 >> 1) + t] + dotRow64(f64, (h >> 1) + i32[entryRow + e] * H, f64, (W >> 1) + t * H, H);
    }
  }

  rowDots(delta: number, rows: number, count: number, U: number, H: number): number {
    const { f64, i32 } = this.v;
    let s = 0;
    for (let k = 0; k < count; k++) s += dotRow64(f64, (delta >> 1) + k * H, f64, (U >> 1) + i32[rows + k] * H, H);
    return s;
  }

  gram(G: number, m: number, rowPtr: number, cols: number, mark: number): void {
    const { f64, i32 } = this.v;
    const g0 = G >> 1;
    for (let r = 0; r < m; r++) {
      const a = i32[rowPtr + r],
        b = i32[rowPtr + r + 1];
      for (let k = a; k < b; k++) i32[mark + i32[cols + k]]++;
      for (let q = 0; q <= r; q++) {
        let c = 1;
        for (let k = i32[rowPtr + q], e = i32[rowPtr + q + 1]; k < e; k++) c += i32[mark + i32[cols + k]];
        f64[g0 + r * m + q] = c;
        f64[g0 + q * m + r] = c;
      }
      for (let k = a; k < b; k++) i32[mark + i32[cols + k]] = 0;
    }
  }

  addTo(y: number, x: number, count: number): void {
    const { f64 } = this.v;
    for (let i = 0, a = y >> 1, b = x >> 1; i < count; i++) f64[a + i] += f64[b + i];
  }

  ctxLogits(
    out: number,
    A: number,
    usum: number,
    own: number,
    rows: number,
    count: number,
    w: number,
    b: number,
    lr: number,
    H: number,
  ): void {
    const { f64, i32 } = this.v;
    for (let k = 0; k < count; k++) {
      const r = i32[rows + k] * H,
        ar = (A >> 1) + r,
        sr = (usum >> 1) + r,
        or = (own >> 1) + k * H,
        wr = w >> 1;
      // two partial sums by u mod 2, as the SIMD kernel's lanes
      let s0 = 0,
        s1 = 0,
        u = 0;
      for (; u + 1 < H; u += 2) {
        const x0 = f64[ar + u] - lr * (f64[sr + u] - f64[or + u]);
        const x1 = f64[ar + u + 1] - lr * (f64[sr + u + 1] - f64[or + u + 1]);
        s0 += (x0 > 0 ? x0 : 0) * f64[wr + u];
        s1 += (x1 > 0 ? x1 : 0) * f64[wr + u + 1];
      }
      let s = s0 + s1;
      if (u < H) {
        const x = f64[ar + u] - lr * (f64[sr + u] - f64[or + u]);
        s += (x > 0 ? x : 0) * f64[wr + u];
      }
      f64[(out >> 1) + k] = b + s;
    }
  }
}
