/* hardware_floor.c: what this CPU's vector units give for the engine's ingredients (issue 15).
 *
 * A measurement probe for Benchmarks/PERFORMANCE.md, run by machine_limit.py; not part of the library,
 * which builds for baseline x86-64 (SSE2) and runs its numerics in Swift. Compiled here with
 * `cc -O3 -mavx2 -mfma` (only where the CPU has both), it times on one core, in thread CPU time,
 * best of 5 passes over 10^6 scenarios of d assets:
 *   - normals: xoshiro256++ in 8 lanes (two __m256i of 4 states), one scenario's own keyed stream
 *     per lane (the same keys and numbers as Xoshiro256PlusPlus(seed:scenario:) and Ziggurat:
 *     `--check` prints per-scenario sums to compare), the ziggurat's fast path vectorised, each
 *     rejection (about 1.5% of draws) redone at once for its lane by the scalar algorithm, so every
 *     lane's stream is consumed exactly as the scalar generator does; output lane-major (d x 8);
 *     and the same loop with the rejections skipped (wrong numbers: the fast path's bound alone);
 *   - expm1: fastExpm1's degree-13 Horner polynomial, 4 lanes x 4 independent chains, FMA
 *     (fused, so not the library's bits: a speed bound).
 * Prints one JSON object. Cost: about 5 x (n·d normals + 8·10^7 polynomials), a few seconds.
 * Usage: hardware_floor [d] [--check]
 */
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double X[257], RATIO[256], F[257];
static const double R = 3.6541528853610088;

static void tables(void) {
    double v = R * exp(-0.5 * R * R) + sqrt(M_PI / 2) * erfc(R / sqrt(2.0));
    X[0] = v / exp(-0.5 * R * R); X[1] = R;
    for (int i = 2; i < 256; i++) X[i] = sqrt(-2 * log(v / X[i - 1] + exp(-0.5 * X[i - 1] * X[i - 1])));
    X[256] = 0;
    for (int i = 0; i < 256; i++) RATIO[i] = X[i + 1] / X[i];
    for (int i = 0; i <= 256; i++) F[i] = exp(-0.5 * X[i] * X[i]);
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
typedef struct { uint64_t s[4]; } xo;
static inline uint64_t next(xo *g) {
    uint64_t *s = g->s, r = rotl(s[0] + s[3], 23) + s[0], t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
    return r;
}
static double slow(uint64_t bits, xo *g) { /* the scalar rejection loop of Ziggurat.swift */
    for (;;) {
        int i = bits & 0xFF; double u = (double)(bits >> 11) * 0x1p-53; double sg = (bits & 0x100) ? -1 : 1;
        if (u < RATIO[i]) return sg * u * X[i];
        if (i == 0) { for (;;) { double t = -log(((next(g) >> 11) + 1) * 0x1p-53) / R, y = -log(((next(g) >> 11) + 1) * 0x1p-53);
                                 if (2 * y > t * t) return sg * (R + t); } }
        double c = u * X[i];
        if (F[i] + (double)(next(g) >> 11) * 0x1p-53 * (F[i + 1] - F[i]) < exp(-0.5 * c * c)) return sg * c;
        bits = next(g);
    }
}
#define ROTL(x, k) _mm256_or_si256(_mm256_slli_epi64(x, k), _mm256_srli_epi64(x, 64 - k))
static inline __m256d unit(__m256i bits) { /* (bits >> 11) * 2^-53, exact, by two magic-number halves */
    __m256i v = _mm256_srli_epi64(bits, 11);
    __m256d lo = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(_mm256_and_si256(v, _mm256_set1_epi64x(0xFFFFFFFF)), _mm256_set1_epi64x(0x4330000000000000))), _mm256_set1_pd(0x1p52));
    __m256d hi = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(v, 32), _mm256_set1_epi64x(0x4530000000000000))), _mm256_set1_pd(0x1p84));
    return _mm256_mul_pd(_mm256_add_pd(hi, lo), _mm256_set1_pd(0x1p-53));
}
typedef struct { __m256i s0, s1, s2, s3; } xo4;
static inline __m256i next4(xo4 *g) {
    __m256i r = _mm256_add_epi64(ROTL(_mm256_add_epi64(g->s0, g->s3), 23), g->s0), t = _mm256_slli_epi64(g->s1, 17);
    g->s2 = _mm256_xor_si256(g->s2, g->s0); g->s3 = _mm256_xor_si256(g->s3, g->s1);
    g->s1 = _mm256_xor_si256(g->s1, g->s2); g->s0 = _mm256_xor_si256(g->s0, g->s3);
    g->s2 = _mm256_xor_si256(g->s2, t); g->s3 = ROTL(g->s3, 45);
    return r;
}
static uint64_t rejections;
static int exact = 1; /* 0: skip the rejections (the fast path's bound, wrong numbers) */
static inline void step4(xo4 *g, double *out) {
    __m256i bits = next4(g), idx = _mm256_and_si256(bits, _mm256_set1_epi64x(0xFF));
    __m256d u = unit(bits); uint64_t ix[4]; _mm256_storeu_si256((__m256i *)ix, idx); __m256d ra = _mm256_set_pd(RATIO[ix[3]], RATIO[ix[2]], RATIO[ix[1]], RATIO[ix[0]]), xs = _mm256_set_pd(X[ix[3]], X[ix[2]], X[ix[1]], X[ix[0]]);
    __m256i sign = _mm256_slli_epi64(_mm256_and_si256(bits, _mm256_set1_epi64x(0x100)), 55);
    __m256d z = _mm256_xor_pd(_mm256_mul_pd(u, xs), _mm256_castsi256_pd(sign));
    _mm256_storeu_pd(out, z);
    int ok = _mm256_movemask_pd(_mm256_cmp_pd(u, ra, _CMP_LT_OQ));
    if (exact && ok != 15) {
        uint64_t b[4], s[4][4]; _mm256_storeu_si256((__m256i *)b, bits);
        _mm256_storeu_si256((__m256i *)s[0], g->s0); _mm256_storeu_si256((__m256i *)s[1], g->s1);
        _mm256_storeu_si256((__m256i *)s[2], g->s2); _mm256_storeu_si256((__m256i *)s[3], g->s3);
        for (int j = 0; j < 4; j++) if (!(ok >> j & 1)) {
            xo one = {{s[0][j], s[1][j], s[2][j], s[3][j]}}; out[j] = slow(b[j], &one); rejections++;
            s[0][j] = one.s[0]; s[1][j] = one.s[1]; s[2][j] = one.s[2]; s[3][j] = one.s[3];
        }
        g->s0 = _mm256_loadu_si256((__m256i *)s[0]); g->s1 = _mm256_loadu_si256((__m256i *)s[1]);
        g->s2 = _mm256_loadu_si256((__m256i *)s[2]); g->s3 = _mm256_loadu_si256((__m256i *)s[3]);
    }
}
static uint64_t mix(uint64_t z) { z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL; z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL; return z ^ (z >> 31); }

/* The 8 keyed generators of scenarios first … first + 7 (SplitMix64 of the key, as in Xoshiro256.swift). */
static void keyed(uint64_t seed, uint64_t first, xo4 *a, xo4 *b) {
    uint64_t s[8][4];
    for (int j = 0; j < 8; j++) {
        uint64_t k = mix(seed ^ mix((first + j) ^ 0xBB67AE8584CAA73BULL));
        for (int w = 0; w < 4; w++) { k += 0x9E3779B97F4A7C15ULL; s[j][w] = mix(k); }
    }
    __m256i *dst[8] = {&a->s0, &a->s1, &a->s2, &a->s3, &b->s0, &b->s1, &b->s2, &b->s3};
    for (int w = 0; w < 4; w++) {
        *dst[w] = _mm256_set_epi64x(s[3][w], s[2][w], s[1][w], s[0][w]);
        *dst[4 + w] = _mm256_set_epi64x(s[7][w], s[6][w], s[5][w], s[4][w]);
    }
}

static double time_normals(int d, double *buf) {
    double best = 1e9, sink = 0;
    for (int pass = 0; pass < 5; pass++) {
        double t0 = now();
        for (int grp = 0; grp < 1000000 / 8; grp++) {
            xo4 a, b;
            keyed(7, (uint64_t)grp * 8, &a, &b);
            for (int k = 0; k < d; k++) { step4(&a, buf + 8 * k); step4(&b, buf + 8 * k + 4); }
            sink += buf[3];
        }
        double t = now() - t0;
        if (t < best) best = t;
    }
    return best / (1e6 * d) * 1e9 + 0 * sink;
}

static double time_expm1(void) {
    enum { m = 4096 };
    static const double c[12] = {1.0 / 6227020800, 1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800, 1.0 / 362880,
                                 1.0 / 40320, 1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 0.5};
    double *x = aligned_alloc(64, sizeof(double) * m), best = 1e9;
    for (int pass = 0; pass < 5; pass++) {
        for (int i = 0; i < m; i++) x[i] = 0.02 * sin(i);
        double t0 = now();
        for (int rep = 0; rep < 20000; rep++) {
            for (int i = 0; i < m; i += 16) {  /* x + x² p(x), then ×0.98 to keep the values in range */
                __m256d v[4], q[4];
                for (int j = 0; j < 4; j++) { v[j] = _mm256_load_pd(x + i + 4 * j); q[j] = _mm256_set1_pd(c[0]); }
                for (int k = 1; k < 12; k++)
                    for (int j = 0; j < 4; j++) q[j] = _mm256_fmadd_pd(q[j], v[j], _mm256_set1_pd(c[k]));
                for (int j = 0; j < 4; j++)
                    _mm256_store_pd(x + i + 4 * j, _mm256_mul_pd(_mm256_fmadd_pd(_mm256_mul_pd(v[j], v[j]), q[j], v[j]),
                                                                 _mm256_set1_pd(0.98)));
            }
        }
        double t = now() - t0;
        if (t < best) best = t;
    }
    double out = best / (20000.0 * m) * 1e9 + 0 * x[7];
    free(x);
    return out;
}

int main(int argc, char **argv) {
    int d = argc > 1 ? atoi(argv[1]) : 50;
    if (d < 1 || d > 10000) { fprintf(stderr, "hardware_floor: d must be 1…10000\n"); return 2; }
    tables();
    double *buf = aligned_alloc(64, sizeof(double) * 8 * (d < 60 ? 60 : d));
    if (argc > 2) {  /* --check: the sums of the first 60 normals of scenarios 0…7, seed 7 */
        xo4 a, b;
        keyed(7, 0, &a, &b);
        for (int k = 0; k < 60; k++) { step4(&a, buf + 8 * k); step4(&b, buf + 8 * k + 4); }
        for (int j = 0; j < 8; j++) {
            double s = 0;
            for (int k = 0; k < 60; k++) s += buf[8 * k + j];
            printf("%d %.17g%s", j, s, j == 7 ? "\n" : " ");
        }
        return 0;
    }
    double normals = time_normals(d, buf);
    double rejected = 100.0 * rejections / (5e6 * d);
    exact = 0;
    double fast = time_normals(d, buf);
    double e = time_expm1();
    printf("{\"assets\": %d, \"normal_ns\": %.4f, \"normal_fast_path_ns\": %.4f, \"rejected_percent\": %.3f, "
           "\"expm1_ns\": %.4f}\n", d, normals, fast, rejected, e);
    free(buf);
    return 0;
}
