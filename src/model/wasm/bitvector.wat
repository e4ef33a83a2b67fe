;; QuickScorer leaf sums (src/model/tree-bitvector.ts, bitvectorSums) in WebAssembly: the same loops and the
;; same arithmetic, so the sums are the JavaScript kernel's bit for bit — thresholds and leaf values are f64
;; (the layout's), each row value is promoted from f32 before comparing, and each leaf is added in f64 and, when
;; `round` is 1, rounded to f32 after each addition (Math.fround(s + leaf): onnxruntime's float accumulator);
;; with `round` 0 the f64 sums of margins() in tree-engine.ts. Compiled by scripts/build-wasm.mjs into
;; bitvector-bytes.ts.
;;
;; sums(n, p, nTrees, x, start, th, tm, nanStart, nanTm, leaf, bits, out, round), addresses in bytes:
;;   x        n·p f32, row-major          start, nanStart  p+1 i32 each (node ranges per feature)
;;   th       f64 per node (sorted per feature)             tm, nanTm  (tree, mask) i32 pairs per node
;;   leaf     nTrees·32 f64                bits      nTrees i32 (scratch)          out  n f64
(module
  (memory (export "memory") 1)
  (func (export "sums")
    (param $n i32) (param $p i32) (param $nTrees i32) (param $x i32) (param $start i32) (param $th i32)
    (param $tm i32) (param $nanStart i32) (param $nanTm i32) (param $leaf i32) (param $bits i32) (param $out i32)
    (param $round i32)
    (local $r i32) (local $f i32) (local $k i32) (local $end i32) (local $v f64) (local $s f64) (local $t i32)
    (local $a i32) (local $xo i32)
    (local.set $xo (local.get $x))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $n)))
        ;; every leaf of every tree still possible
        (memory.fill (local.get $bits) (i32.const 255) (i32.shl (local.get $nTrees) (i32.const 2)))
        (local.set $f (i32.const 0))
        (block $features_done
          (loop $features
            (br_if $features_done (i32.ge_u (local.get $f) (local.get $p)))
            (local.set $v (f64.promote_f32 (f32.load (i32.add (local.get $xo) (i32.shl (local.get $f) (i32.const 2))))))
            (if (f64.eq (local.get $v) (local.get $v))
              (then
                ;; the nodes on f with threshold ≤ v send the row to `no`: clear their yes-side leaves
                (local.set $k (i32.load (i32.add (local.get $start) (i32.shl (local.get $f) (i32.const 2)))))
                (local.set $end (i32.load offset=4 (i32.add (local.get $start) (i32.shl (local.get $f) (i32.const 2)))))
                (block $nodes_done
                  (loop $nodes
                    (br_if $nodes_done (i32.ge_u (local.get $k) (local.get $end)))
                    (br_if $nodes_done (i32.eqz (f64.le
                      (f64.load (i32.add (local.get $th) (i32.shl (local.get $k) (i32.const 3)))) (local.get $v))))
                    (local.set $a (i32.add (local.get $tm) (i32.shl (local.get $k) (i32.const 3))))
                    (local.set $t (i32.add (local.get $bits) (i32.shl (i32.load (local.get $a)) (i32.const 2))))
                    (i32.store (local.get $t) (i32.and (i32.load (local.get $t)) (i32.load offset=4 (local.get $a))))
                    (local.set $k (i32.add (local.get $k) (i32.const 1)))
                    (br $nodes))))
              (else
                ;; a missing value: the nodes on f that send NaN to `no`
                (local.set $k (i32.load (i32.add (local.get $nanStart) (i32.shl (local.get $f) (i32.const 2)))))
                (local.set $end (i32.load offset=4 (i32.add (local.get $nanStart) (i32.shl (local.get $f) (i32.const 2)))))
                (block $missing_done
                  (loop $missing
                    (br_if $missing_done (i32.ge_u (local.get $k) (local.get $end)))
                    (local.set $a (i32.add (local.get $nanTm) (i32.shl (local.get $k) (i32.const 3))))
                    (local.set $t (i32.add (local.get $bits) (i32.shl (i32.load (local.get $a)) (i32.const 2))))
                    (i32.store (local.get $t) (i32.and (i32.load (local.get $t)) (i32.load offset=4 (local.get $a))))
                    (local.set $k (i32.add (local.get $k) (i32.const 1)))
                    (br $missing)))))
            (local.set $f (i32.add (local.get $f) (i32.const 1)))
            (br $features)))
        ;; each tree's leaf is its lowest bit left; leaf values added tree by tree (rounded to f32 after each: `round`)
        (local.set $s (f64.const 0))
        (local.set $t (i32.const 0))
        (block $trees_done
          (loop $trees
            (br_if $trees_done (i32.ge_u (local.get $t) (local.get $nTrees)))
            (local.set $s (f64.add (local.get $s)
              (f64.load (i32.add (local.get $leaf)
                (i32.shl (i32.add (i32.shl (local.get $t) (i32.const 5))
                                  (i32.ctz (i32.load (i32.add (local.get $bits) (i32.shl (local.get $t) (i32.const 2))))))
                         (i32.const 3))))))
            (if (local.get $round) (then (local.set $s (f64.promote_f32 (f32.demote_f64 (local.get $s))))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $trees)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3))) (local.get $s))
        (local.set $xo (i32.add (local.get $xo) (i32.shl (local.get $p) (i32.const 2))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))))
