;; WebAssembly SIMD kernels of the fast engine (assembled at engine load by the `wabt` npm package;
;; see kernels-wasm.ts). Layout and semantics: arena.ts and kernels.ts. All pointers are byte
;; offsets into the exported memory; H (hidden units) must be a positive multiple of 4, so every
;; hidden row is a whole number of f32x4 vectors. W2 is stored transposed (K rows of H floats).
;; Arithmetic is float32, Adam in tfjs' order of operations (divisions by the bias corrections
;; taken as multiplications by their float32 reciprocals).
(module
  (memory (export "memory") 1)

  ;; forward(n, masked, W1, b1, W2T, b2, h, mask, logits, rowPtr, cols, H, K)
  ;; h[r] = relu(b1 + Σ_{j∈row r} W1[j]) (× mask[r] when masked); logits[r] = b2 + W2T·h[r]
  (func (export "forward")
    (param $n i32) (param $masked i32) (param $W1 i32) (param $b1 i32) (param $W2 i32) (param $b2 i32)
    (param $h i32) (param $mask i32) (param $logits i32) (param $rowPtr i32) (param $cols i32)
    (param $H i32) (param $K i32)
    (local $r i32) (local $rb i32) (local $hr i32) (local $mr i32) (local $u i32) (local $k i32)
    (local $end i32) (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $t i32)
    (local $w i32) (local $lr i32) (local $acc v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $cp i32)
    (local.set $rb (i32.shl (local.get $H) (i32.const 2)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $hr (i32.add (local.get $h) (i32.mul (local.get $r) (local.get $rb))))
        ;; h row ← b1
        (local.set $u (i32.const 0))
        (loop $copy
          (v128.store (i32.add (local.get $hr) (local.get $u)) (v128.load (i32.add (local.get $b1) (local.get $u))))
          (local.set $u (i32.add (local.get $u) (i32.const 16)))
          (br_if $copy (i32.lt_u (local.get $u) (local.get $rb))))
        ;; gather-sum, four W1 rows per pass: h += (a + b) + (c + d)
        (local.set $cp (i32.add (local.get $rowPtr) (i32.shl (local.get $r) (i32.const 2))))
        (local.set $k (i32.load (local.get $cp)))
        (local.set $end (i32.load offset=4 (local.get $cp)))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.gt_s (i32.add (local.get $k) (i32.const 4)) (local.get $end)))
            (local.set $cp (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2))))
            (local.set $a (i32.add (local.get $W1) (i32.mul (i32.load (local.get $cp)) (local.get $rb))))
            (local.set $b (i32.add (local.get $W1) (i32.mul (i32.load offset=4 (local.get $cp)) (local.get $rb))))
            (local.set $c (i32.add (local.get $W1) (i32.mul (i32.load offset=8 (local.get $cp)) (local.get $rb))))
            (local.set $d (i32.add (local.get $W1) (i32.mul (i32.load offset=12 (local.get $cp)) (local.get $rb))))
            (local.set $u (i32.const 0))
            (loop $add4
              (v128.store (i32.add (local.get $hr) (local.get $u))
                (f32x4.add (v128.load (i32.add (local.get $hr) (local.get $u)))
                  (f32x4.add
                    (f32x4.add (v128.load (i32.add (local.get $a) (local.get $u))) (v128.load (i32.add (local.get $b) (local.get $u))))
                    (f32x4.add (v128.load (i32.add (local.get $c) (local.get $u))) (v128.load (i32.add (local.get $d) (local.get $u)))))))
              (local.set $u (i32.add (local.get $u) (i32.const 16)))
              (br_if $add4 (i32.lt_u (local.get $u) (local.get $rb))))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $quads)))
        (block $singlesDone
          (loop $singles
            (br_if $singlesDone (i32.ge_s (local.get $k) (local.get $end)))
            (local.set $a (i32.add (local.get $W1)
              (i32.mul (i32.load (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rb))))
            (local.set $u (i32.const 0))
            (loop $add1
              (v128.store (i32.add (local.get $hr) (local.get $u))
                (f32x4.add (v128.load (i32.add (local.get $hr) (local.get $u))) (v128.load (i32.add (local.get $a) (local.get $u)))))
              (local.set $u (i32.add (local.get $u) (i32.const 16)))
              (br_if $add1 (i32.lt_u (local.get $u) (local.get $rb))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $singles)))
        ;; ReLU, then dropout multipliers
        (local.set $u (i32.const 0))
        (if (local.get $masked)
          (then
            (local.set $mr (i32.add (local.get $mask) (i32.mul (local.get $r) (local.get $rb))))
            (loop $relumask
              (v128.store (i32.add (local.get $hr) (local.get $u))
                (f32x4.mul
                  (f32x4.max (v128.load (i32.add (local.get $hr) (local.get $u))) (v128.const f32x4 0 0 0 0))
                  (v128.load (i32.add (local.get $mr) (local.get $u)))))
              (local.set $u (i32.add (local.get $u) (i32.const 16)))
              (br_if $relumask (i32.lt_u (local.get $u) (local.get $rb)))))
          (else
            (loop $relu
              (v128.store (i32.add (local.get $hr) (local.get $u))
                (f32x4.max (v128.load (i32.add (local.get $hr) (local.get $u))) (v128.const f32x4 0 0 0 0)))
              (local.set $u (i32.add (local.get $u) (i32.const 16)))
              (br_if $relu (i32.lt_u (local.get $u) (local.get $rb))))))
        ;; heads: one dot product per task
        (local.set $lr (i32.add (local.get $logits) (i32.shl (i32.mul (local.get $r) (local.get $K)) (i32.const 2))))
        (local.set $t (i32.const 0))
        (loop $heads
          (local.set $w (i32.add (local.get $W2) (i32.mul (local.get $t) (local.get $rb))))
          ;; four independent accumulators hide the latency of the additions
          (local.set $acc (v128.const f32x4 0 0 0 0))
          (local.set $acc1 (v128.const f32x4 0 0 0 0))
          (local.set $acc2 (v128.const f32x4 0 0 0 0))
          (local.set $acc3 (v128.const f32x4 0 0 0 0))
          (local.set $u (i32.const 0))
          (block $dot4Done
            (loop $dot4
              (br_if $dot4Done (i32.gt_u (i32.add (local.get $u) (i32.const 64)) (local.get $rb)))
              (local.set $a (i32.add (local.get $hr) (local.get $u)))
              (local.set $b (i32.add (local.get $w) (local.get $u)))
              (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
              (local.set $acc1 (f32x4.add (local.get $acc1) (f32x4.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
              (local.set $acc2 (f32x4.add (local.get $acc2) (f32x4.mul (v128.load offset=32 (local.get $a)) (v128.load offset=32 (local.get $b)))))
              (local.set $acc3 (f32x4.add (local.get $acc3) (f32x4.mul (v128.load offset=48 (local.get $a)) (v128.load offset=48 (local.get $b)))))
              (local.set $u (i32.add (local.get $u) (i32.const 64)))
              (br $dot4)))
          (block $dotDone
            (loop $dot
              (br_if $dotDone (i32.ge_u (local.get $u) (local.get $rb)))
              (local.set $acc (f32x4.add (local.get $acc)
                (f32x4.mul (v128.load (i32.add (local.get $hr) (local.get $u))) (v128.load (i32.add (local.get $w) (local.get $u))))))
              (local.set $u (i32.add (local.get $u) (i32.const 16)))
              (br $dot)))
          (local.set $acc (f32x4.add (f32x4.add (local.get $acc) (local.get $acc1)) (f32x4.add (local.get $acc2) (local.get $acc3))))
          (f32.store (i32.add (local.get $lr) (i32.shl (local.get $t) (i32.const 2)))
            (f32.add (f32.load (i32.add (local.get $b2) (i32.shl (local.get $t) (i32.const 2))))
              (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc))))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $heads (i32.lt_u (local.get $t) (local.get $K))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; preact(n, W1, b1, h, rowPtr, cols, H): h[r] = b1 + Σ_{j∈row r} W1[j] for the n staged rows — the
  ;; pre-activations, summed in forward's order (so they are forward's values before the ReLU); no ReLU,
  ;; no dropout, no heads. For the probe primitives (lookaheadLosses, sharedGradientProducts).
  (func (export "preact")
    (param $n i32) (param $W1 i32) (param $b1 i32) (param $h i32) (param $rowPtr i32) (param $cols i32) (param $H i32)
    (local $r i32) (local $rb i32) (local $hr i32) (local $u i32) (local $k i32) (local $end i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $cp i32)
    (local.set $rb (i32.shl (local.get $H) (i32.const 2)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $hr (i32.add (local.get $h) (i32.mul (local.get $r) (local.get $rb))))
        (local.set $u (i32.const 0))
        (loop $copy
          (v128.store (i32.add (local.get $hr) (local.get $u)) (v128.load (i32.add (local.get $b1) (local.get $u))))
          (local.set $u (i32.add (local.get $u) (i32.const 16)))
          (br_if $copy (i32.lt_u (local.get $u) (local.get $rb))))
        (local.set $cp (i32.add (local.get $rowPtr) (i32.shl (local.get $r) (i32.const 2))))
        (local.set $k (i32.load (local.get $cp)))
        (local.set $end (i32.load offset=4 (local.get $cp)))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.gt_s (i32.add (local.get $k) (i32.const 4)) (local.get $end)))
            (local.set $cp (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2))))
            (local.set $a (i32.add (local.get $W1) (i32.mul (i32.load (local.get $cp)) (local.get $rb))))
            (local.set $b (i32.add (local.get $W1) (i32.mul (i32.load offset=4 (local.get $cp)) (local.get $rb))))
            (local.set $c (i32.add (local.get $W1) (i32.mul (i32.load offset=8 (local.get $cp)) (local.get $rb))))
            (local.set $d (i32.add (local.get $W1) (i32.mul (i32.load offset=12 (local.get $cp)) (local.get $rb))))
            (local.set $u (i32.const 0))
            (loop $add4
              (v128.store (i32.add (local.get $hr) (local.get $u))
                (f32x4.add (v128.load (i32.add (local.get $hr) (local.get $u)))
                  (f32x4.add
                    (f32x4.add (v128.load (i32.add (local.get $a) (local.get $u))) (v128.load (i32.add (local.get $b) (local.get $u))))
                    (f32x4.add (v128.load (i32.add (local.get $c) (local.get $u))) (v128.load (i32.add (local.get $d) (local.get $u)))))))
              (local.set $u (i32.add (local.get $u) (i32.const 16)))
              (br_if $add4 (i32.lt_u (local.get $u) (local.get $rb))))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $quads)))
        (block $singlesDone
          (loop $singles
            (br_if $singlesDone (i32.ge_s (local.get $k) (local.get $end)))
            (local.set $a (i32.add (local.get $W1)
              (i32.mul (i32.load (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rb))))
            (local.set $u (i32.const 0))
            (loop $add1
              (v128.store (i32.add (local.get $hr) (local.get $u))
                (f32x4.add (v128.load (i32.add (local.get $hr) (local.get $u))) (v128.load (i32.add (local.get $a) (local.get $u)))))
              (local.set $u (i32.add (local.get $u) (i32.const 16)))
              (br_if $add1 (i32.lt_u (local.get $u) (local.get $rb))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $singles)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; $rowGrad: for staged row r with ∂L/∂logits in dl: gb2 += dl, gW2T[t] += dl_t·h, and
  ;; dz = (Σ_t dl_t·W2T[t]) gated by ReLU and dropout (h > 0 ⇔ z > 0 and kept), gb1 += dz.
  ;; A row without labels (all dl_t = 0) gets dz = 0 and returns 0; otherwise returns 1.
  (func $rowGrad
    (param $r i32) (param $masked i32) (param $gb1 i32) (param $W2 i32) (param $gW2 i32) (param $gb2 i32)
    (param $h i32) (param $dz i32) (param $mask i32) (param $dl i32) (param $rb i32) (param $K i32)
    (result i32)
    (local $hr i32) (local $dr i32) (local $mr i32) (local $lr i32) (local $u i32) (local $t i32)
    (local $any i32) (local $dt f32) (local $dv v128) (local $w i32) (local $gw i32) (local $x v128) (local $tp i32)
    (local.set $lr (i32.add (local.get $dl) (i32.shl (i32.mul (local.get $r) (local.get $K)) (i32.const 2))))
    (local.set $hr (i32.add (local.get $h) (i32.mul (local.get $r) (local.get $rb))))
    (local.set $dr (i32.add (local.get $dz) (i32.mul (local.get $r) (local.get $rb))))
    (local.set $u (i32.const 0))
    (loop $zero
      (v128.store (i32.add (local.get $dr) (local.get $u)) (v128.const i32x4 0 0 0 0))
      (local.set $u (i32.add (local.get $u) (i32.const 16)))
      (br_if $zero (i32.lt_u (local.get $u) (local.get $rb))))
    (loop $tasks
      (local.set $dt (f32.load (i32.add (local.get $lr) (i32.shl (local.get $t) (i32.const 2)))))
      (if (f32.ne (local.get $dt) (f32.const 0))
        (then
          (local.set $any (i32.const 1))
          (local.set $tp (i32.add (local.get $gb2) (i32.shl (local.get $t) (i32.const 2))))
          (f32.store (local.get $tp) (f32.add (f32.load (local.get $tp)) (local.get $dt)))
          (local.set $dv (f32x4.splat (local.get $dt)))
          (local.set $w (i32.add (local.get $W2) (i32.mul (local.get $t) (local.get $rb))))
          (local.set $gw (i32.add (local.get $gW2) (i32.mul (local.get $t) (local.get $rb))))
          (local.set $u (i32.const 0))
          (loop $acc
            (v128.store (i32.add (local.get $dr) (local.get $u))
              (f32x4.add (v128.load (i32.add (local.get $dr) (local.get $u)))
                (f32x4.mul (local.get $dv) (v128.load (i32.add (local.get $w) (local.get $u))))))
            (v128.store (i32.add (local.get $gw) (local.get $u))
              (f32x4.add (v128.load (i32.add (local.get $gw) (local.get $u)))
                (f32x4.mul (v128.load (i32.add (local.get $hr) (local.get $u))) (local.get $dv))))
            (local.set $u (i32.add (local.get $u) (i32.const 16)))
            (br_if $acc (i32.lt_u (local.get $u) (local.get $rb))))))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br_if $tasks (i32.lt_u (local.get $t) (local.get $K))))
    (if (i32.eqz (local.get $any)) (then (return (i32.const 0))))
    (local.set $u (i32.const 0))
    (local.set $mr (i32.add (local.get $mask) (i32.mul (local.get $r) (local.get $rb))))
    (loop $gate
      (local.set $x (v128.load (i32.add (local.get $dr) (local.get $u))))
      (if (local.get $masked)
        (then (local.set $x (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $mr) (local.get $u)))))))
      (local.set $x (v128.and (local.get $x)
        (f32x4.gt (v128.load (i32.add (local.get $hr) (local.get $u))) (v128.const f32x4 0 0 0 0))))
      (v128.store (i32.add (local.get $dr) (local.get $u)) (local.get $x))
      (v128.store (i32.add (local.get $gb1) (local.get $u))
        (f32x4.add (v128.load (i32.add (local.get $gb1) (local.get $u))) (local.get $x)))
      (local.set $u (i32.add (local.get $u) (i32.const 16)))
      (br_if $gate (i32.lt_u (local.get $u) (local.get $rb))))
    (i32.const 1))

  ;; backward(n, masked, gW1, gb1, W2T, gW2T, gb2, h, dz, mask, dlogits, rowPtr, cols, touched, touchedList, H, K)
  ;; → number of W1 rows touched. Gradients accumulate into g: dz scatter-added into the W1 rows of
  ;; the active bits, each touched row flagged (touched[j] = 1) and listed once.
  (func (export "backward")
    (param $n i32) (param $masked i32) (param $gW1 i32) (param $gb1 i32)
    (param $W2 i32) (param $gW2 i32) (param $gb2 i32) (param $h i32) (param $dz i32) (param $mask i32)
    (param $dl i32) (param $rowPtr i32) (param $cols i32) (param $touched i32) (param $list i32)
    (param $H i32) (param $K i32) (result i32)
    (local $count i32) (local $r i32) (local $rb i32) (local $dr i32) (local $u i32) (local $k i32)
    (local $end i32) (local $j i32) (local $a i32) (local $cp i32) (local $tp i32)
    (local.set $rb (i32.shl (local.get $H) (i32.const 2)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        (if (call $rowGrad (local.get $r) (local.get $masked) (local.get $gb1) (local.get $W2) (local.get $gW2)
              (local.get $gb2) (local.get $h) (local.get $dz) (local.get $mask) (local.get $dl) (local.get $rb) (local.get $K))
          (then
            (local.set $dr (i32.add (local.get $dz) (i32.mul (local.get $r) (local.get $rb))))
            (local.set $cp (i32.add (local.get $rowPtr) (i32.shl (local.get $r) (i32.const 2))))
            (local.set $k (i32.load (local.get $cp)))
            (local.set $end (i32.load offset=4 (local.get $cp)))
            (block $scDone
              (loop $scatter
                (br_if $scDone (i32.ge_s (local.get $k) (local.get $end)))
                (local.set $j (i32.load (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2)))))
                (local.set $tp (i32.add (local.get $touched) (i32.shl (local.get $j) (i32.const 2))))
                (if (i32.eqz (i32.load (local.get $tp)))
                  (then
                    (i32.store (local.get $tp) (i32.const 1))
                    (i32.store (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2))) (local.get $j))
                    (local.set $count (i32.add (local.get $count) (i32.const 1)))))
                (local.set $a (i32.add (local.get $gW1) (i32.mul (local.get $j) (local.get $rb))))
                (local.set $u (i32.const 0))
                (loop $sadd
                  (v128.store (i32.add (local.get $a) (local.get $u))
                    (f32x4.add (v128.load (i32.add (local.get $a) (local.get $u))) (v128.load (i32.add (local.get $dr) (local.get $u)))))
                  (local.set $u (i32.add (local.get $u) (i32.const 16)))
                  (br_if $sadd (i32.lt_u (local.get $u) (local.get $rb))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $scatter)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))
    (local.get $count))

  ;; step(n, masked, D, H, K, W1, dm, dv, dg, h, dz, mask, dlogits, rowPtr, cols, head, next, dzRow, gRow, dense,
  ;;      β1, 1−β1, β2, 1−β2, 1/(1−β1^t), 1/(1−β2^t), −lr, ε)
  ;; Backward and Adam fused. The gradient of a W1 row is never materialised in memory: the active
  ;; entries of the batch are threaded into one linked list per W1 row (head[j] → next[k], entry k
  ;; = row dzRow[k] of dz); Adam takes row j's gradient from its single dz row, or sums its dz rows
  ;; into the scratch row gRow (1 KB, stays in L1) just before updating row j.
  ;; Rows without gradient take the same update with g = 0 (moments decay, weights still move).
  ;; dm/dv/dg: byte distance from a parameter to its m, v, g; dense: floats after W1 (b1, W2T, b2),
  ;; a multiple of 4 (padding words are zero and stay zero); their gradient comes from g.
  ;; tfjs' order: m ← m·β1 + g·(1−β1); v ← v·β2 + g²·(1−β2); w ← (m̂ / (√v̂ + ε))·(−lr) + w.
  (func (export "step")
    (param $n i32) (param $masked i32) (param $D i32) (param $H i32) (param $K i32) (param $W1 i32)
    (param $dm i32) (param $dv i32) (param $dg i32) (param $h i32) (param $dz i32) (param $mask i32)
    (param $dl i32) (param $rowPtr i32) (param $cols i32) (param $head i32) (param $next i32) (param $dzRow i32)
    (param $gRow i32) (param $dense i32)
    (param $b1 f32) (param $ob1 f32) (param $b2 f32) (param $ob2 f32) (param $ic1 f32) (param $ic2 f32)
    (param $nlr f32) (param $eps f32)
    (local $r i32) (local $rb i32) (local $k i32) (local $end i32) (local $j i32) (local $cp i32) (local $tp i32)
    (local $dr i32) (local $p i32) (local $e i32) (local $u i32) (local $l i32)
    (local $B1 v128) (local $OB1 v128) (local $B2 v128) (local $OB2 v128) (local $IC1 v128) (local $IC2 v128)
    (local $NLR v128) (local $EPS v128) (local $g v128) (local $m v128) (local $v v128)
    (local $gp i32) (local $b1p i32) (local $gb1 i32) (local $W2 i32) (local $gW2 i32) (local $gb2 i32)
    (local.set $rb (i32.shl (local.get $H) (i32.const 2)))
    (local.set $b1p (i32.add (local.get $W1) (i32.mul (local.get $D) (local.get $rb))))
    (local.set $gb1 (i32.add (local.get $b1p) (local.get $dg)))
    (local.set $W2 (i32.add (local.get $b1p) (local.get $rb)))
    (local.set $gW2 (i32.add (local.get $W2) (local.get $dg)))
    (local.set $gb2 (i32.add (local.get $gW2) (i32.mul (local.get $K) (local.get $rb))))
    ;; 1. per batch row: dz and the heads' gradients; 2. thread the row's entries into the W1-row lists
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        (drop (call $rowGrad (local.get $r) (local.get $masked) (local.get $gb1) (local.get $W2) (local.get $gW2) (local.get $gb2)
          (local.get $h) (local.get $dz) (local.get $mask) (local.get $dl) (local.get $rb) (local.get $K)))
        (local.set $dr (i32.add (local.get $dz) (i32.mul (local.get $r) (local.get $rb))))
        (local.set $cp (i32.add (local.get $rowPtr) (i32.shl (local.get $r) (i32.const 2))))
        (local.set $k (i32.load (local.get $cp)))
        (local.set $end (i32.load offset=4 (local.get $cp)))
        (block $lkDone
          (loop $link
            (br_if $lkDone (i32.ge_s (local.get $k) (local.get $end)))
            (local.set $tp (i32.add (local.get $head)
              (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 2))))
            (i32.store (i32.add (local.get $next) (i32.shl (local.get $k) (i32.const 2))) (i32.load (local.get $tp)))
            (i32.store (i32.add (local.get $dzRow) (i32.shl (local.get $k) (i32.const 2))) (local.get $dr))
            (i32.store (local.get $tp) (i32.add (local.get $k) (i32.const 1)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $link)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))
    ;; 3. Adam over W1, row by row
    (local.set $B1 (f32x4.splat (local.get $b1)))
    (local.set $OB1 (f32x4.splat (local.get $ob1)))
    (local.set $B2 (f32x4.splat (local.get $b2)))
    (local.set $OB2 (f32x4.splat (local.get $ob2)))
    (local.set $IC1 (f32x4.splat (local.get $ic1)))
    (local.set $IC2 (f32x4.splat (local.get $ic2)))
    (local.set $NLR (f32x4.splat (local.get $nlr)))
    (local.set $EPS (f32x4.splat (local.get $eps)))
    (local.set $p (local.get $W1))
    (local.set $j (i32.const 0))
    (block $w1Done
      (loop $w1rows
        (br_if $w1Done (i32.ge_u (local.get $j) (local.get $D)))
        (local.set $tp (i32.add (local.get $head) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $l (i32.load (local.get $tp)))
        (local.set $e (i32.add (local.get $p) (local.get $rb)))
        (local.set $u (i32.const 0))
        (if (local.get $l)
          (then
            (i32.store (local.get $tp) (i32.const 0))
            ;; the row's gradient: its only dz row, or the sum of its dz rows in the scratch row gRow
            (local.set $cp (i32.shl (i32.sub (local.get $l) (i32.const 1)) (i32.const 2)))
            (local.set $gp (i32.load (i32.add (local.get $dzRow) (local.get $cp))))
            (local.set $k (i32.load (i32.add (local.get $next) (local.get $cp))))
            (if (local.get $k)
              (then
                (local.set $u (i32.const 0))
                (loop $copy
                  (v128.store (i32.add (local.get $gRow) (local.get $u)) (v128.load (i32.add (local.get $gp) (local.get $u))))
                  (local.set $u (i32.add (local.get $u) (i32.const 16)))
                  (br_if $copy (i32.lt_u (local.get $u) (local.get $rb))))
                (loop $more
                  (local.set $cp (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 2)))
                  (local.set $gp (i32.load (i32.add (local.get $dzRow) (local.get $cp))))
                  (local.set $u (i32.const 0))
                  (loop $acc
                    (v128.store (i32.add (local.get $gRow) (local.get $u))
                      (f32x4.add (v128.load (i32.add (local.get $gRow) (local.get $u))) (v128.load (i32.add (local.get $gp) (local.get $u)))))
                    (local.set $u (i32.add (local.get $u) (i32.const 16)))
                    (br_if $acc (i32.lt_u (local.get $u) (local.get $rb))))
                  (local.set $k (i32.load (i32.add (local.get $next) (local.get $cp))))
                  (br_if $more (local.get $k)))
                (local.set $gp (local.get $gRow))))
            ;; gp walks with p
            (local.set $gp (i32.sub (local.get $gp) (local.get $p)))
            (loop $wg
              (local.set $g (v128.load (i32.add (local.get $p) (local.get $gp))))
              (local.set $m (f32x4.add
                (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $dm))) (local.get $B1))
                (f32x4.mul (local.get $g) (local.get $OB1))))
              (local.set $v (f32x4.add
                (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $dv))) (local.get $B2))
                (f32x4.mul (f32x4.mul (local.get $g) (local.get $g)) (local.get $OB2))))
              (v128.store (i32.add (local.get $p) (local.get $dm)) (local.get $m))
              (v128.store (i32.add (local.get $p) (local.get $dv)) (local.get $v))
              (v128.store (local.get $p)
                (f32x4.add
                  (f32x4.mul
                    (f32x4.div (f32x4.mul (local.get $m) (local.get $IC1))
                      (f32x4.add (f32x4.sqrt (f32x4.mul (local.get $v) (local.get $IC2))) (local.get $EPS)))
                    (local.get $NLR))
                  (v128.load (local.get $p))))
              (local.set $p (i32.add (local.get $p) (i32.const 16)))
              (br_if $wg (i32.lt_u (local.get $p) (local.get $e)))))
          (else
            ;; g = 0: g·(1−β1) and g²·(1−β2) are +0, so m·β1 + 0 = m·β1 (same float)
            (loop $ng
              (local.set $m (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $dm))) (local.get $B1)))
              (local.set $v (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $dv))) (local.get $B2)))
              (v128.store (i32.add (local.get $p) (local.get $dm)) (local.get $m))
              (v128.store (i32.add (local.get $p) (local.get $dv)) (local.get $v))
              (v128.store (local.get $p)
                (f32x4.add
                  (f32x4.mul
                    (f32x4.div (f32x4.mul (local.get $m) (local.get $IC1))
                      (f32x4.add (f32x4.sqrt (f32x4.mul (local.get $v) (local.get $IC2))) (local.get $EPS)))
                    (local.get $NLR))
                  (v128.load (local.get $p))))
              (local.set $p (i32.add (local.get $p) (i32.const 16)))
              (br_if $ng (i32.lt_u (local.get $p) (local.get $e))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $w1rows)))
    ;; 4. Adam over b1, W2T, b2 with their gradient from g (then zeroed)
    (local.set $e (i32.add (local.get $p) (i32.shl (local.get $dense) (i32.const 2))))
    (block $dDone
      (loop $dloop
        (br_if $dDone (i32.ge_u (local.get $p) (local.get $e)))
        (local.set $g (v128.load (i32.add (local.get $p) (local.get $dg))))
        (v128.store (i32.add (local.get $p) (local.get $dg)) (v128.const i32x4 0 0 0 0))
        (local.set $m (f32x4.add
          (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $dm))) (local.get $B1))
          (f32x4.mul (local.get $g) (local.get $OB1))))
        (local.set $v (f32x4.add
          (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $dv))) (local.get $B2))
          (f32x4.mul (f32x4.mul (local.get $g) (local.get $g)) (local.get $OB2))))
        (v128.store (i32.add (local.get $p) (local.get $dm)) (local.get $m))
        (v128.store (i32.add (local.get $p) (local.get $dv)) (local.get $v))
        (v128.store (local.get $p)
          (f32x4.add
            (f32x4.mul
              (f32x4.div (f32x4.mul (local.get $m) (local.get $IC1))
                (f32x4.add (f32x4.sqrt (f32x4.mul (local.get $v) (local.get $IC2))) (local.get $EPS)))
              (local.get $NLR))
            (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $dloop))))

  ;; sgdShared(W1, dg, rows, H, a, mode): plain SGD on W1‖b1 (rows × H floats from W1) with the
  ;; direction in g (dg bytes from each weight): w ← f32(f64(w) − a·f64(d)) — exactly JavaScript's
  ;; `w -= a * d` on a Float32Array (the product of two float32 is exact in float64; one rounding to
  ;; float64, one to float32) — then g ← 0. mode 0 visits every row; mode 1 skips rows whose
  ;; direction is all +0 bits; mode 2 skips them only when the row also holds no −0 weight (see
  ;; SgdRows in kernels.ts for when each is exact). Skipped rows' g is already zero.
  (func (export "sgdShared")
    (param $W1 i32) (param $dg i32) (param $rows i32) (param $H i32) (param $a f64) (param $mode i32)
    (local $rb i32) (local $p i32) (local $e i32) (local $j i32) (local $q i32)
    (local $any v128) (local $A v128) (local $w v128) (local $d v128) (local $wh v128) (local $dh v128)
    (local.set $rb (i32.shl (local.get $H) (i32.const 2)))
    (local.set $A (f64x2.splat (local.get $a)))
    (local.set $p (local.get $W1))
    (block $done
      (loop $rowsL
        (br_if $done (i32.ge_u (local.get $j) (local.get $rows)))
        (local.set $e (i32.add (local.get $p) (local.get $rb)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (block $visit
          (br_if $visit (i32.eqz (local.get $mode)))
          ;; any bit of the row's direction set (−0 counts)?
          (local.set $any (v128.const i32x4 0 0 0 0))
          (local.set $q (i32.add (local.get $p) (local.get $dg)))
          (loop $scan
            (local.set $any (v128.or (local.get $any) (v128.load (local.get $q))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br_if $scan (i32.lt_u (local.get $q) (i32.add (local.get $e) (local.get $dg)))))
          (br_if $visit (v128.any_true (local.get $any)))
          (if (i32.eq (local.get $mode) (i32.const 2))
            (then
              ;; any −0 weight in the row?
              (local.set $any (v128.const i32x4 0 0 0 0))
              (local.set $q (local.get $p))
              (loop $negs
                (local.set $any (v128.or (local.get $any)
                  (i32x4.eq (v128.load (local.get $q)) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (br_if $negs (i32.lt_u (local.get $q) (local.get $e))))
              (br_if $visit (v128.any_true (local.get $any)))))
          ;; skip the row
          (local.set $p (local.get $e))
          (br $rowsL))
        (loop $upd
          (local.set $w (v128.load (local.get $p)))
          (local.set $d (v128.load (i32.add (local.get $p) (local.get $dg))))
          (v128.store (i32.add (local.get $p) (local.get $dg)) (v128.const i32x4 0 0 0 0))
          ;; upper two lanes moved down for promote_low
          (local.set $wh (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $w) (local.get $w)))
          (local.set $dh (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $d) (local.get $d)))
          (v128.store (local.get $p)
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
              (f32x4.demote_f64x2_zero
                (f64x2.sub (f64x2.promote_low_f32x4 (local.get $w)) (f64x2.mul (local.get $A) (f64x2.promote_low_f32x4 (local.get $d)))))
              (f32x4.demote_f64x2_zero
                (f64x2.sub (f64x2.promote_low_f32x4 (local.get $wh)) (f64x2.mul (local.get $A) (f64x2.promote_low_f32x4 (local.get $dh)))))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $upd (i32.lt_u (local.get $p) (local.get $e))))
        (br $rowsL))))

  ;; ── probe kernels (gram-probe.ts): float64, f64x2; byte offsets; H may be odd (scalar tail) ──────────

  ;; $dotRow(x, y, H): Σ_u x[u]·y[u] over two rows of H f64
  (func $dotRow (param $x i32) (param $y i32) (param $H i32) (result f64)
    (local $u i32) (local $vec i32) (local $rb i32) (local $a v128) (local $b v128) (local $s f64)
    (local.set $rb (i32.shl (local.get $H) (i32.const 3)))
    (local.set $vec (i32.shl (i32.and (local.get $H) (i32.const -4)) (i32.const 3)))
    (local.set $a (v128.const f64x2 0 0))
    (local.set $b (v128.const f64x2 0 0))
    (block $d4
      (loop $l4
        (br_if $d4 (i32.ge_u (local.get $u) (local.get $vec)))
        (local.set $a (f64x2.add (local.get $a)
          (f64x2.mul (v128.load (i32.add (local.get $x) (local.get $u))) (v128.load (i32.add (local.get $y) (local.get $u))))))
        (local.set $b (f64x2.add (local.get $b)
          (f64x2.mul (v128.load offset=16 (i32.add (local.get $x) (local.get $u))) (v128.load offset=16 (i32.add (local.get $y) (local.get $u))))))
        (local.set $u (i32.add (local.get $u) (i32.const 32)))
        (br $l4)))
    (local.set $a (f64x2.add (local.get $a) (local.get $b)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $a)) (f64x2.extract_lane 1 (local.get $a))))
    (block $d1
      (loop $l1
        (br_if $d1 (i32.ge_u (local.get $u) (local.get $rb)))
        (local.set $s (f64.add (local.get $s)
          (f64.mul (f64.load (i32.add (local.get $x) (local.get $u))) (f64.load (i32.add (local.get $y) (local.get $u))))))
        (local.set $u (i32.add (local.get $u) (i32.const 8)))
        (br $l1)))
    (local.get $s))

  ;; gramTimes(U, G, m, H, rows, n, delta): U[r][u] = Σ_{k<n} G[r·m + rows[k]]·delta[k][u] for r < m, u < H
  ;; (rows: n i32; delta: n rows of H f64), each sum taken from 0 in k order. Two rows × four columns at a time
  ;; in registers (four independent sums per entry, no U traffic inside the k loop); the H mod 4 last columns
  ;; by a scalar loop; an odd last row computed as a pair with itself and stored once.
  (func (export "gramTimes")
    (param $U i32) (param $G i32) (param $m i32) (param $H i32) (param $rows i32) (param $n i32) (param $delta i32)
    (local $r i32) (local $k i32) (local $u i32) (local $rb i32) (local $vec i32) (local $two i32)
    (local $g0 i32) (local $g1 i32) (local $q i32) (local $d i32) (local $ur i32)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128) (local $s0 v128) (local $s1 v128)
    (local $x v128) (local $y v128) (local $c0 f64) (local $c1 f64) (local $dv f64)
    (local.set $rb (i32.shl (local.get $H) (i32.const 3)))
    (local.set $vec (i32.shl (i32.and (local.get $H) (i32.const -4)) (i32.const 3)))
    (block $rowsDone
      (loop $rowsL
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $m)))
        (local.set $two (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $m)))
        (local.set $g0 (i32.add (local.get $G) (i32.shl (i32.mul (local.get $r) (local.get $m)) (i32.const 3))))
        (local.set $g1 (select (i32.add (local.get $g0) (i32.shl (local.get $m) (i32.const 3))) (local.get $g0) (local.get $two)))
        (local.set $ur (i32.add (local.get $U) (i32.mul (local.get $r) (local.get $rb))))
        (local.set $u (i32.const 0))
        (block $chunksDone
          (loop $chunks
            (br_if $chunksDone (i32.ge_u (local.get $u) (local.get $vec)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $b0 (v128.const f64x2 0 0))
            (local.set $b1 (v128.const f64x2 0 0))
            (local.set $k (i32.const 0))
            (local.set $d (i32.add (local.get $delta) (local.get $u)))
            (block $kd
              (loop $kl
                (br_if $kd (i32.ge_u (local.get $k) (local.get $n)))
                (local.set $q (i32.shl (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3)))
                (local.set $x (v128.load (local.get $d)))
                (local.set $y (v128.load offset=16 (local.get $d)))
                (local.set $s0 (f64x2.splat (f64.load (i32.add (local.get $g0) (local.get $q)))))
                (local.set $s1 (f64x2.splat (f64.load (i32.add (local.get $g1) (local.get $q)))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $s0) (local.get $x))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $s0) (local.get $y))))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $s1) (local.get $x))))
                (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $s1) (local.get $y))))
                (local.set $d (i32.add (local.get $d) (local.get $rb)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $kl)))
            (v128.store (i32.add (local.get $ur) (local.get $u)) (local.get $a0))
            (v128.store offset=16 (i32.add (local.get $ur) (local.get $u)) (local.get $a1))
            (if (local.get $two)
              (then
                (v128.store (i32.add (i32.add (local.get $ur) (local.get $rb)) (local.get $u)) (local.get $b0))
                (v128.store offset=16 (i32.add (i32.add (local.get $ur) (local.get $rb)) (local.get $u)) (local.get $b1))))
            (local.set $u (i32.add (local.get $u) (i32.const 32)))
            (br $chunks)))
        ;; the H mod 4 last columns
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $u) (local.get $rb)))
            (local.set $c0 (f64.const 0))
            (local.set $c1 (f64.const 0))
            (local.set $k (i32.const 0))
            (block $td
              (loop $tl
                (br_if $td (i32.ge_u (local.get $k) (local.get $n)))
                (local.set $q (i32.shl (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3)))
                (local.set $dv (f64.load (i32.add (i32.add (local.get $delta) (i32.mul (local.get $k) (local.get $rb))) (local.get $u))))
                (local.set $c0 (f64.add (local.get $c0) (f64.mul (f64.load (i32.add (local.get $g0) (local.get $q))) (local.get $dv))))
                (local.set $c1 (f64.add (local.get $c1) (f64.mul (f64.load (i32.add (local.get $g1) (local.get $q))) (local.get $dv))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $tl)))
            (f64.store (i32.add (local.get $ur) (local.get $u)) (local.get $c0))
            (if (local.get $two) (then (f64.store (i32.add (i32.add (local.get $ur) (local.get $rb)) (local.get $u)) (local.get $c1))))
            (local.set $u (i32.add (local.get $u) (i32.const 8)))
            (br $tail)))
        (local.set $r (i32.add (local.get $r) (select (i32.const 2) (i32.const 1) (local.get $two))))
        (br $rowsL))))

  ;; deltas(out, A, rows, count, w, dl, H): out[k][u] = A[rows[k]][u] > 0 ? dl[k]·w[u] : 0 for k < count
  ;; (A, out: rows of H f64; w: one row of H f64; dl: count f64) — ∂L/∂pre-activation of one task's labels
  (func (export "deltas")
    (param $out i32) (param $A i32) (param $rows i32) (param $count i32) (param $w i32) (param $dl i32) (param $H i32)
    (local $k i32) (local $u i32) (local $rb i32) (local $vec i32) (local $ar i32) (local $or i32) (local $D v128) (local $ds f64)
    (local.set $rb (i32.shl (local.get $H) (i32.const 3)))
    (local.set $vec (i32.shl (i32.and (local.get $H) (i32.const -2)) (i32.const 3)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
      (local.set $ar (i32.add (local.get $A) (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rb))))
      (local.set $or (i32.add (local.get $out) (i32.mul (local.get $k) (local.get $rb))))
      (local.set $ds (f64.load (i32.add (local.get $dl) (i32.shl (local.get $k) (i32.const 3)))))
      (local.set $D (f64x2.splat (local.get $ds)))
      (local.set $u (i32.const 0))
      (block $vd (loop $vl
        (br_if $vd (i32.ge_u (local.get $u) (local.get $vec)))
        (v128.store (i32.add (local.get $or) (local.get $u))
          (v128.and
            (f64x2.gt (v128.load (i32.add (local.get $ar) (local.get $u))) (v128.const f64x2 0 0))
            (f64x2.mul (local.get $D) (v128.load (i32.add (local.get $w) (local.get $u))))))
        (local.set $u (i32.add (local.get $u) (i32.const 16)))
        (br $vl)))
      (if (i32.lt_u (local.get $u) (local.get $rb))
        (then (f64.store (i32.add (local.get $or) (local.get $u))
          (select (f64.mul (local.get $ds) (f64.load (i32.add (local.get $w) (local.get $u)))) (f64.const 0)
            (f64.gt (f64.load (i32.add (local.get $ar) (local.get $u))) (f64.const 0))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l))))

  ;; widen(out, src, rows, count, H): out[k][u] = src[rows[k]][u] as f64 (src: rows of H f32; out: count rows of H f64)
  (func (export "widen") (param $out i32) (param $src i32) (param $rows i32) (param $count i32) (param $H i32)
    (local $k i32) (local $u i32) (local $vec i32) (local $s i32) (local $o i32) (local $x v128)
    (local.set $vec (i32.and (local.get $H) (i32.const -4)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
      (local.set $s (i32.add (local.get $src)
        (i32.shl (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))) (local.get $H)) (i32.const 2))))
      (local.set $o (i32.add (local.get $out) (i32.shl (i32.mul (local.get $k) (local.get $H)) (i32.const 3))))
      (local.set $u (i32.const 0))
      (block $vd (loop $vl
        (br_if $vd (i32.ge_u (local.get $u) (local.get $vec)))
        (local.set $x (v128.load (i32.add (local.get $s) (i32.shl (local.get $u) (i32.const 2)))))
        (v128.store (i32.add (local.get $o) (i32.shl (local.get $u) (i32.const 3))) (f64x2.promote_low_f32x4 (local.get $x)))
        (v128.store offset=16 (i32.add (local.get $o) (i32.shl (local.get $u) (i32.const 3)))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x))))
        (local.set $u (i32.add (local.get $u) (i32.const 4)))
        (br $vl)))
      (block $sd (loop $sl
        (br_if $sd (i32.ge_u (local.get $u) (local.get $H)))
        (f64.store (i32.add (local.get $o) (i32.shl (local.get $u) (i32.const 3)))
          (f64.promote_f32 (f32.load (i32.add (local.get $s) (i32.shl (local.get $u) (i32.const 2))))))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $sl)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l))))

  ;; stepRelu(h, A, U, lr, count): h[i] = max(A[i] − lr·U[i], 0) over count f64 (JavaScript's `a > 0 ? a : 0`:
  ;; NaN and −0 give +0, as f64x2.pmax(0, a) does)
  (func (export "stepRelu") (param $h i32) (param $A i32) (param $U i32) (param $lr f64) (param $count i32)
    (local $i i32) (local $end i32) (local $vec i32) (local $L v128) (local $a f64)
    (local.set $end (i32.shl (local.get $count) (i32.const 3)))
    (local.set $vec (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
    (local.set $L (f64x2.splat (local.get $lr)))
    (block $vd (loop $vl
      (br_if $vd (i32.ge_u (local.get $i) (local.get $vec)))
      (v128.store (i32.add (local.get $h) (local.get $i))
        (f64x2.pmax (v128.const f64x2 0 0)
          (f64x2.sub (v128.load (i32.add (local.get $A) (local.get $i)))
            (f64x2.mul (local.get $L) (v128.load (i32.add (local.get $U) (local.get $i)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vl)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then
        (local.set $a (f64.sub (f64.load (i32.add (local.get $A) (local.get $i)))
          (f64.mul (local.get $lr) (f64.load (i32.add (local.get $U) (local.get $i))))))
        (f64.store (i32.add (local.get $h) (local.get $i)) (select (local.get $a) (f64.const 0) (f64.gt (local.get $a) (f64.const 0)))))))

  ;; logits(out, h, W, b2, entryRow, entryTask, count, H): out[e] = b2[t] + h[row]·W[t] for each entry e
  ;; (row = entryRow[e], t = entryTask[e]; h: rows of H f64, W: K rows of H f64, b2: K f64)
  (func (export "logits")
    (param $out i32) (param $h i32) (param $W i32) (param $b2 i32) (param $entryRow i32) (param $entryTask i32)
    (param $count i32) (param $H i32)
    (local $e i32) (local $rb i32) (local $t i32)
    (local.set $rb (i32.shl (local.get $H) (i32.const 3)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $e) (local.get $count)))
      (local.set $t (i32.load (i32.add (local.get $entryTask) (i32.shl (local.get $e) (i32.const 2)))))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $e) (i32.const 3)))
        (f64.add (f64.load (i32.add (local.get $b2) (i32.shl (local.get $t) (i32.const 3))))
          (call $dotRow
            (i32.add (local.get $h) (i32.mul (i32.load (i32.add (local.get $entryRow) (i32.shl (local.get $e) (i32.const 2)))) (local.get $rb)))
            (i32.add (local.get $W) (i32.mul (local.get $t) (local.get $rb)))
            (local.get $H))))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br $l))))

  ;; rowDots(delta, rows, count, U, H): Σ_{k<count} delta[k]·U[rows[k]] (delta: count rows of H f64)
  (func (export "rowDots") (param $delta i32) (param $rows i32) (param $count i32) (param $U i32) (param $H i32) (result f64)
    (local $k i32) (local $rb i32) (local $s f64)
    (local.set $rb (i32.shl (local.get $H) (i32.const 3)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
      (local.set $s (f64.add (local.get $s)
        (call $dotRow
          (i32.add (local.get $delta) (i32.mul (local.get $k) (local.get $rb)))
          (i32.add (local.get $U) (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rb)))
          (local.get $H))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l)))
    (local.get $s))

  ;; gram(G, m, rowPtr, cols, mark): G[r·m + q] = 1 + Σ_bits x_r·x_q (f64) over m rows given as CSR (rowPtr: m+1
  ;; i32, cols: i32 bit indices; repeated bits count with multiplicity); mark: one i32 per bit, zero on entry and exit
  (func (export "gram") (param $G i32) (param $m i32) (param $rowPtr i32) (param $cols i32) (param $mark i32)
    (local $r i32) (local $q i32) (local $k i32) (local $a i32) (local $b i32) (local $e i32) (local $c i32) (local $p i32)
    (block $rd (loop $rl
      (br_if $rd (i32.ge_u (local.get $r) (local.get $m)))
      (local.set $a (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $b (i32.load offset=4 (i32.add (local.get $rowPtr) (i32.shl (local.get $r) (i32.const 2)))))
      ;; mark row r's bits
      (local.set $k (local.get $a))
      (block $md (loop $ml
        (br_if $md (i32.ge_s (local.get $k) (local.get $b)))
        (local.set $p (i32.add (local.get $mark) (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 2))))
        (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $ml)))
      ;; every q ≤ r: count its bits marked
      (local.set $q (i32.const 0))
      (block $qd (loop $ql
        (br_if $qd (i32.gt_u (local.get $q) (local.get $r)))
        (local.set $c (i32.const 1))
        (local.set $k (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $e (i32.load offset=4 (i32.add (local.get $rowPtr) (i32.shl (local.get $q) (i32.const 2)))))
        (block $cd (loop $cl
          (br_if $cd (i32.ge_s (local.get $k) (local.get $e)))
          (local.set $c (i32.add (local.get $c)
            (i32.load (i32.add (local.get $mark) (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 2))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $cl)))
        (f64.store (i32.add (local.get $G) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $m)) (local.get $q)) (i32.const 3)))
          (f64.convert_i32_s (local.get $c)))
        (f64.store (i32.add (local.get $G) (i32.shl (i32.add (i32.mul (local.get $q) (local.get $m)) (local.get $r)) (i32.const 3)))
          (f64.convert_i32_s (local.get $c)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $ql)))
      ;; unmark
      (local.set $k (local.get $a))
      (block $ud (loop $ul
        (br_if $ud (i32.ge_s (local.get $k) (local.get $b)))
        (i32.store (i32.add (local.get $mark) (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 2)))
          (i32.const 0))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $ul)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rl))))

  ;; addTo(y, x, count): y[i] += x[i] over count f64
  (func (export "addTo") (param $y i32) (param $x i32) (param $count i32)
    (local $i i32) (local $end i32) (local $vec i32)
    (local.set $end (i32.shl (local.get $count) (i32.const 3)))
    (local.set $vec (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
    (block $vd (loop $vl
      (br_if $vd (i32.ge_u (local.get $i) (local.get $vec)))
      (v128.store (i32.add (local.get $y) (local.get $i))
        (f64x2.add (v128.load (i32.add (local.get $y) (local.get $i))) (v128.load (i32.add (local.get $x) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vl)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then (f64.store (i32.add (local.get $y) (local.get $i))
        (f64.add (f64.load (i32.add (local.get $y) (local.get $i))) (f64.load (i32.add (local.get $x) (local.get $i))))))))

  ;; ctxLogits(out, A, usum, own, rows, count, w, b, lr, H): for k < count, with r = rows[k]:
  ;; out[k] = b + Σ_u max(A[r][u] − lr·(usum[r][u] − own[k][u]), 0)·w[u]   (w: one row of H f64; b: f64)
  (func (export "ctxLogits")
    (param $out i32) (param $A i32) (param $usum i32) (param $own i32) (param $rows i32) (param $count i32)
    (param $w i32) (param $b f64) (param $lr f64) (param $H i32)
    (local $k i32) (local $u i32) (local $rb i32) (local $vec i32) (local $ar i32) (local $sr i32) (local $or i32)
    (local $L v128) (local $acc v128) (local $s f64) (local $x f64)
    (local.set $rb (i32.shl (local.get $H) (i32.const 3)))
    (local.set $vec (i32.shl (i32.and (local.get $H) (i32.const -2)) (i32.const 3)))
    (local.set $L (f64x2.splat (local.get $lr)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
      (local.set $ar (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rb)))
      (local.set $sr (i32.add (local.get $usum) (local.get $ar)))
      (local.set $ar (i32.add (local.get $A) (local.get $ar)))
      (local.set $or (i32.add (local.get $own) (i32.mul (local.get $k) (local.get $rb))))
      (local.set $acc (v128.const f64x2 0 0))
      (local.set $u (i32.const 0))
      (block $vd (loop $vl
        (br_if $vd (i32.ge_u (local.get $u) (local.get $vec)))
        (local.set $acc (f64x2.add (local.get $acc)
          (f64x2.mul
            (f64x2.pmax (v128.const f64x2 0 0)
              (f64x2.sub (v128.load (i32.add (local.get $ar) (local.get $u)))
                (f64x2.mul (local.get $L)
                  (f64x2.sub (v128.load (i32.add (local.get $sr) (local.get $u))) (v128.load (i32.add (local.get $or) (local.get $u)))))))
            (v128.load (i32.add (local.get $w) (local.get $u))))))
        (local.set $u (i32.add (local.get $u) (i32.const 16)))
        (br $vl)))
      (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
      (if (i32.lt_u (local.get $u) (local.get $rb))
        (then
          (local.set $x (f64.sub (f64.load (i32.add (local.get $ar) (local.get $u)))
            (f64.mul (local.get $lr)
              (f64.sub (f64.load (i32.add (local.get $sr) (local.get $u))) (f64.load (i32.add (local.get $or) (local.get $u)))))))
          (local.set $s (f64.add (local.get $s)
            (f64.mul (select (local.get $x) (f64.const 0) (f64.gt (local.get $x) (f64.const 0))) (f64.load (i32.add (local.get $w) (local.get $u))))))))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))) (f64.add (local.get $b) (local.get $s)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l))))
)
