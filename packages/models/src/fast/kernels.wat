;; WebAssembly SIMD kernels of the fast engine (assembled at engine load by the `wabt` npm package;
;; see kernels-wasm.ts). Layout and semantics: arena.ts and kernels.ts. All pointers are byte
;; offsets into the exported memory; H (hidden units) must be a positive multiple of 4, so every
;; hidden row is a whole number of f32x4 vectors. W2 is stored transposed (K rows of H floats).
;; Arithmetic is float32 in the same operation order as tfjs' ops (Adam in particular).
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
    (local $w i32) (local $lr i32) (local $acc v128) (local $cp i32)
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
          (local.set $acc (v128.const f32x4 0 0 0 0))
          (local.set $u (i32.const 0))
          (loop $dot
            (local.set $acc (f32x4.add (local.get $acc)
              (f32x4.mul (v128.load (i32.add (local.get $hr) (local.get $u))) (v128.load (i32.add (local.get $w) (local.get $u))))))
            (local.set $u (i32.add (local.get $u) (i32.const 16)))
            (br_if $dot (i32.lt_u (local.get $u) (local.get $rb))))
          (f32.store (i32.add (local.get $lr) (i32.shl (local.get $t) (i32.const 2)))
            (f32.add (f32.load (i32.add (local.get $b2) (i32.shl (local.get $t) (i32.const 2))))
              (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc))))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $heads (i32.lt_u (local.get $t) (local.get $K))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; backward(n, masked, count, gW1, gb1, W2T, gW2T, gb2, h, dz, mask, dlogits, rowPtr, cols,
  ;;          touched, touchedList, H, K) → rows newly appended to touchedList
  (func (export "backward")
    (param $n i32) (param $masked i32) (param $count i32) (param $gW1 i32) (param $gb1 i32)
    (param $W2 i32) (param $gW2 i32) (param $gb2 i32) (param $h i32) (param $dz i32) (param $mask i32)
    (param $dl i32) (param $rowPtr i32) (param $cols i32) (param $touched i32) (param $list i32)
    (param $H i32) (param $K i32) (result i32)
    (local $start i32) (local $r i32) (local $rb i32) (local $hr i32) (local $dr i32) (local $mr i32)
    (local $lr i32) (local $u i32) (local $t i32) (local $any i32) (local $dt f32) (local $dv v128)
    (local $w i32) (local $gw i32) (local $x v128) (local $k i32) (local $end i32) (local $j i32)
    (local $a i32) (local $cp i32) (local $tp i32)
    (local.set $start (local.get $count))
    (local.set $rb (i32.shl (local.get $H) (i32.const 2)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        (block $next
          (local.set $lr (i32.add (local.get $dl) (i32.shl (i32.mul (local.get $r) (local.get $K)) (i32.const 2))))
          ;; rows without any label contribute nothing
          (local.set $any (i32.const 0))
          (local.set $t (i32.const 0))
          (loop $scan
            (if (f32.ne (f32.load (i32.add (local.get $lr) (i32.shl (local.get $t) (i32.const 2)))) (f32.const 0))
              (then (local.set $any (i32.const 1))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br_if $scan (i32.lt_u (local.get $t) (local.get $K))))
          (br_if $next (i32.eqz (local.get $any)))
          (local.set $hr (i32.add (local.get $h) (i32.mul (local.get $r) (local.get $rb))))
          (local.set $dr (i32.add (local.get $dz) (i32.mul (local.get $r) (local.get $rb))))
          ;; dz row ← 0, then per task: dz += dl_t·W2T[t], gW2T[t] += dl_t·h, gb2[t] += dl_t
          (local.set $u (i32.const 0))
          (loop $zero
            (v128.store (i32.add (local.get $dr) (local.get $u)) (v128.const i32x4 0 0 0 0))
            (local.set $u (i32.add (local.get $u) (i32.const 16)))
            (br_if $zero (i32.lt_u (local.get $u) (local.get $rb))))
          (local.set $t (i32.const 0))
          (loop $tasks
            (local.set $dt (f32.load (i32.add (local.get $lr) (i32.shl (local.get $t) (i32.const 2)))))
            (if (f32.ne (local.get $dt) (f32.const 0))
              (then
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
          ;; through ReLU and dropout (h > 0 ⇔ z > 0 and kept), into gb1
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
          ;; scatter-add dz into the W1 rows of the active bits, marking them touched
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
              (br $scatter))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))
    (i32.sub (local.get $count) (local.get $start)))

  ;; adam(D, H, W1, dm, dv, dg, touched, dense, β1, 1−β1, β2, 1−β2, 1−β1^t, 1−β2^t, −lr, ε)
  ;; dm/dv/dg: byte distance from a parameter to its m, v, g; dense: floats after W1 (b1, W2T, b2),
  ;; a multiple of 4 (padding words are zero and stay zero). tfjs' order of operations:
  ;; m ← m·β1 + g·(1−β1); v ← v·β2 + g²·(1−β2); w ← (m/c1)/(√(v/c2) + ε)·(−lr) + w
  (func $adamRun (param $p i32) (param $e i32) (param $dm i32) (param $dv i32) (param $dg i32) (param $withG i32)
    (param $B1 v128) (param $OB1 v128) (param $B2 v128) (param $OB2 v128) (param $C1 v128) (param $C2 v128)
    (param $NLR v128) (param $EPS v128)
    (local $g v128) (local $m v128) (local $v v128)
    (if (local.get $withG)
      (then
        (loop $wg
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
                (f32x4.div (f32x4.div (local.get $m) (local.get $C1))
                  (f32x4.add (f32x4.sqrt (f32x4.div (local.get $v) (local.get $C2))) (local.get $EPS)))
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
                (f32x4.div (f32x4.div (local.get $m) (local.get $C1))
                  (f32x4.add (f32x4.sqrt (f32x4.div (local.get $v) (local.get $C2))) (local.get $EPS)))
                (local.get $NLR))
              (v128.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $ng (i32.lt_u (local.get $p) (local.get $e)))))))

  (func (export "adam")
    (param $D i32) (param $H i32) (param $W1 i32) (param $dm i32) (param $dv i32) (param $dg i32)
    (param $touched i32) (param $dense i32)
    (param $b1 f32) (param $ob1 f32) (param $b2 f32) (param $ob2 f32) (param $c1 f32) (param $c2 f32)
    (param $nlr f32) (param $eps f32)
    (local $j i32) (local $rb i32) (local $p i32) (local $tp i32)
    (local $B1 v128) (local $OB1 v128) (local $B2 v128) (local $OB2 v128) (local $C1 v128) (local $C2 v128)
    (local $NLR v128) (local $EPS v128)
    (local.set $B1 (f32x4.splat (local.get $b1)))
    (local.set $OB1 (f32x4.splat (local.get $ob1)))
    (local.set $B2 (f32x4.splat (local.get $b2)))
    (local.set $OB2 (f32x4.splat (local.get $ob2)))
    (local.set $C1 (f32x4.splat (local.get $c1)))
    (local.set $C2 (f32x4.splat (local.get $c2)))
    (local.set $NLR (f32x4.splat (local.get $nlr)))
    (local.set $EPS (f32x4.splat (local.get $eps)))
    (local.set $rb (i32.shl (local.get $H) (i32.const 2)))
    (local.set $p (local.get $W1))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $j) (local.get $D)))
        (local.set $tp (i32.add (local.get $touched) (i32.shl (local.get $j) (i32.const 2))))
        (call $adamRun (local.get $p) (i32.add (local.get $p) (local.get $rb))
          (local.get $dm) (local.get $dv) (local.get $dg) (i32.load (local.get $tp))
          (local.get $B1) (local.get $OB1) (local.get $B2) (local.get $OB2) (local.get $C1) (local.get $C2)
          (local.get $NLR) (local.get $EPS))
        (i32.store (local.get $tp) (i32.const 0))
        (local.set $p (i32.add (local.get $p) (local.get $rb)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $rows)))
    (if (i32.gt_u (local.get $dense) (i32.const 0))
      (then
        (call $adamRun (local.get $p) (i32.add (local.get $p) (i32.shl (local.get $dense) (i32.const 2)))
          (local.get $dm) (local.get $dv) (local.get $dg) (i32.const 1)
          (local.get $B1) (local.get $OB1) (local.get $B2) (local.get $OB2) (local.get $C1) (local.get $C2)
          (local.get $NLR) (local.get $EPS)))))
)
