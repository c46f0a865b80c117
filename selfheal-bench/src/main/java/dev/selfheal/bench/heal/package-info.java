/** {@code bench heal}: detection time and MTTR on real child processes that crash, hang or fail, against a kubelet-like restart baseline. */
package dev.selfheal.bench.heal;
