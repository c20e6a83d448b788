/* ctest.c — one multi-call C program for guest testing: `ctest NAME [ARGS...]` runs test NAME.
 * The ppc32 big-endian copy of testcases/x86_64/c/ctest.c: the same tests where they are
 * portable (int128 became int64: 64-bit arithmetic on 32-bit registers), plus cases for what a
 * ppc32 emulator tends to get wrong: carries between register halves, float/double conversions
 * (fctiwz, frsp, the no-fcfid int-to-double trick), fused multiply-add (single rounding, printed
 * with %a), byte order, the FPSCR through <fenv.h> (rounding modes, exception flags), and libm.
 * Statically linked against glibc, so it exercises the loader, the libc start-up code, glibc's
 * ppc string routines, stdio, malloc (brk and mmap), file syscalls, setjmp/longjmp and libm.
 * Every test prints its results deterministically (no times, pids or addresses); any wrong
 * computation changes stdout. The list of cases run by the harness is cases.txt. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <fenv.h>
#include <float.h>
#include <limits.h>
#include <inttypes.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers ---- */
static uint64_t lcg_state = 12345;
static uint32_t lcg(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(lcg_state >> 33);
}
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) { h ^= c[i]; h *= 1099511628211ULL; }
    return h;
}
static uint64_t fnv_u64(uint64_t h, uint64_t v) { return fnv(h, &v, sizeof v); }
#define FNV0 14695981039346656037ULL

/* ---- hello ---- */
static int t_hello(int argc, char **argv)
{
    printf("hello, world\n");
    for (int i = 2; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
    return 0;
}

/* ---- printf_int ---- */
static int t_printf_int(int argc, char **argv)
{
    (void)argc; (void)argv;
    signed char sc[] = {0, 1, -1, 127, -128};
    short ss[] = {0, 1, -1, 32767, -32768};
    int si[] = {0, 1, -1, 42, -42, 2147483647, -2147483647 - 1, 123456789};
    long long sl[] = {0, 1, -1, 9223372036854775807LL, -9223372036854775807LL - 1, 1234567890123LL};
    unsigned long long ul[] = {0, 1, 18446744073709551615ULL, 0xdeadbeefcafebabeULL, 1ULL << 63};
    for (size_t i = 0; i < sizeof sc; i++) printf("hhd %hhd %hhu %hhx\n", sc[i], (unsigned char)sc[i], (unsigned char)sc[i]);
    for (size_t i = 0; i < sizeof ss / sizeof *ss; i++) printf("hd %hd %hu %ho %hX\n", ss[i], (unsigned short)ss[i], (unsigned short)ss[i], (unsigned short)ss[i]);
    for (size_t i = 0; i < sizeof si / sizeof *si; i++)
        printf("d [%d] [%i] [%u] [%x] [%X] [%o] [%5d] [%-5d|] [%05d] [%+d] [% d] [%5.3d] [%.0d] [%#x] [%#o]\n",
               si[i], si[i], (unsigned)si[i], (unsigned)si[i], (unsigned)si[i], (unsigned)si[i], si[i], si[i],
               si[i], si[i], si[i], si[i], si[i], (unsigned)si[i], (unsigned)si[i]);
    for (size_t i = 0; i < sizeof sl / sizeof *sl; i++)
        printf("lld [%lld] [%20lld] [%-20lld|] [%llx] [%+lld] [%ld]\n", sl[i], sl[i], sl[i], (unsigned long long)sl[i], sl[i], (long)sl[i]);
    for (size_t i = 0; i < sizeof ul / sizeof *ul; i++)
        printf("llu [%llu] [%llo] [%#llx] [%zu] [%ju] [%" PRIu64 "] [%" PRIx64 "]\n", ul[i], ul[i], ul[i], (size_t)ul[i], (uintmax_t)ul[i], (uint64_t)ul[i], (uint64_t)ul[i]);
    printf("star [%*d] [%-*d] [%.*d] [%*.*d]\n", 8, 42, 8, 42, 6, 42, 10, 4, -42);
    printf("chars [%c%c%c] [%5c] [%-5c|]\n", 'a', 'b', 'c', 'x', 'y');
    printf("strings [%s] [%10s] [%-10s|] [%.3s] [%10.2s]\n", "abc", "abc", "abc", "abcdef", "abcdef");
    printf("percent %% ptr-null [%p]\n", (void *)0);
    int n1 = 0, n2 = 0;
    printf("count%n [%d]%n\n", &n1, 7, &n2);
    printf("n1=%d n2=%d\n", n1, n2);
    return 0;
}

/* ---- printf_double ---- */
static int t_printf_double(int argc, char **argv)
{
    (void)argc; (void)argv;
    double v[] = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 3.14159265358979323846, 2.718281828459045,
                  1e-5, 1e-300, 5e-324, 2.2250738585072014e-308, 1e15, 1e16, 1e22, 1e23, 1e300, 1.7976931348623157e308,
                  123456789.125, 0.000123456, 999999.5, 9.9999995, 0.05, 0.15, 0.25, 0.35, 2.5, 3.5, -1234.5678,
                  INFINITY, -INFINITY, NAN, -NAN, 4503599627370496.5, 9007199254740993.0};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        double x = v[i];
        printf("[%f] [%.2f] [%10.3f] [%-12.1f|] [%+.0f] [%e] [%.3E] [%g] [%G] [%.10g] [%#g] [%a] [%.17g]\n",
               x, x, x, x, x, x, x, x, x, x, x, x, x);
    }
    float f = 0.1f;
    printf("float [%f] [%.9g] [%a]\n", f, f, f);
    printf("rounding [%.0f] [%.0f] [%.0f] [%.0f] [%.1f] [%.1f] [%.2f]\n", 0.5, 1.5, 2.5, -0.5, 0.25, 0.35, 1.005);
    printf("width [%015.4f] [%-+15.4e|] [% .3g]\n", -3.25, 6.02214076e23, 1e-10);
    return 0;
}

/* ---- int64: 64-bit arithmetic on 32-bit registers (addc/adde, subfc/subfe, mulhwu, libgcc
 * __divdi3/__udivdi3/__moddi3, shifts across the word boundary) ---- */
__attribute__((noinline)) static uint64_t mulhi_u64(uint64_t a, uint64_t b)
{
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}
static int t_int64(int argc, char **argv)
{
    (void)argc; (void)argv;
    volatile uint64_t a = 0x00000001ffffffffULL, b = 0x7fffffff00000001ULL;
    volatile int64_t c = -0x123456789abcdefLL, d = 1000000007;
    printf("a+b %016llx a-b %016llx b-a %016llx\n", (unsigned long long)(a + b), (unsigned long long)(a - b),
           (unsigned long long)(b - a));
    printf("a*b %016llx c*d %lld c*c %016llx\n", (unsigned long long)(a * b), (long long)(c * d), (unsigned long long)(c * c));
    printf("b/a %llu b%%a %llu c/d %lld c%%d %lld -c/7 %lld c/-7 %lld c%%-7 %lld\n", (unsigned long long)(b / a),
           (unsigned long long)(b % a), (long long)(c / d), (long long)(c % d), (long long)(-c / 7), (long long)(c / -7),
           (long long)(c % -7));
    for (int sh = 0; sh < 64; sh += 7)
        printf("sh %2d: a<<%llx b>>%llx c>>%llx (u)c>>%llx\n", sh, (unsigned long long)(a << sh), (unsigned long long)(b >> sh),
               (unsigned long long)(c >> sh), (unsigned long long)((uint64_t)c >> sh));
    volatile int n32 = 32, n31 = 31, n33 = 33;
    printf("sh32 %llx %llx sh31 %llx sh33 %llx\n", (unsigned long long)(a << n32), (unsigned long long)(b >> n32),
           (unsigned long long)(c >> n31), (unsigned long long)(c << n33));
    int64_t cmpv[] = {0, 1, -1, 0x100000000LL, -0x100000000LL, 0x7fffffffffffffffLL, INT64_MIN, 0xffffffffLL, 0x80000000LL};
    for (size_t i = 0; i < sizeof cmpv / sizeof *cmpv; i++) {
        int64_t x = cmpv[i];
        printf("cmp %lld: <0 %d ==ffffffff %d <u 0x100000000 %d >s 0x80000000 %d\n", (long long)x, x < 0, x == 0xffffffffLL,
               (uint64_t)x < 0x100000000ULL, x > 0x80000000LL);
    }
    printf("llong printf [%lld] [%llu] [%llx] [%20lld] [%-20lld|] [%+lld] [%llo]\n", (long long)c, (unsigned long long)c,
           (unsigned long long)c, (long long)d, (long long)c, (long long)d, (unsigned long long)a);
    double dv[] = {0.0, 1.0, -1.0, 4294967295.0, 4294967296.5, 9007199254740993.0, 1.8446744073709550e19, 9.2233720368547748e18,
                   -9.2233720368547758e18, 123456789012.75, -0.999};
    for (size_t i = 0; i < sizeof dv / sizeof *dv; i++) {
        volatile double x = dv[i];
        unsigned long long u = x >= 0 && x < 1.8446744073709552e19 ? (unsigned long long)x : 0;
        long long s = x >= -9.2233720368547758e18 && x < 9.2233720368547758e18 ? (long long)x : 0;
        printf("d2ll %.17g -> %llu %lld\n", x, u, s);
    }
    uint64_t uv[] = {0, 1, 0xffffffffULL, 0x100000001ULL, 0x1fffffffffffffULL, 0x20000000000001ULL, 0x8000000000000001ULL,
                     0xffffffffffffffffULL, 0xfffffffffffff800ULL, 0xfffffffffffffc00ULL};
    for (size_t i = 0; i < sizeof uv / sizeof *uv; i++) {
        volatile uint64_t u = uv[i];
        volatile int64_t s = (int64_t)uv[i];
        printf("ll2d %llu -> %a %a; float %a %a\n", (unsigned long long)u, (double)u, (double)s, (double)(float)u, (double)(float)s);
    }
    uint64_t h = FNV0, x = 1;
    for (int i = 0; i < 3000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        uint64_t y = (x >> (i % 61)) | 1;
        int64_t sx = (int64_t)x, sy = (int64_t)y * ((i & 1) ? -1 : 1);
        h = fnv_u64(h, x / y); h = fnv_u64(h, x % y);
        if (!(sx == INT64_MIN && sy == -1)) { h = fnv_u64(h, (uint64_t)(sx / sy)); h = fnv_u64(h, (uint64_t)(sx % sy)); }
        h = fnv_u64(h, x + y); h = fnv_u64(h, x - (y << 3)); h = fnv_u64(h, x * y); h = fnv_u64(h, mulhi_u64(x, y));
        h = fnv_u64(h, (uint64_t)(sx >> (i % 64))); h = fnv_u64(h, x << (i % 64)); h = fnv_u64(h, (uint64_t)(sx < sy));
        h = fnv_u64(h, (uint64_t)(x < y));
    }
    printf("hash %016llx\n", (unsigned long long)h);
    unsigned long long f = 1;
    for (int i = 1; i <= 20; i++) f *= (unsigned)i;
    printf("20! = %llu\n", f);
    return 0;
}

/* ---- strings ---- */
static int sgn(int x) { return (x > 0) - (x < 0); }
static int t_strings(int argc, char **argv)
{
    (void)argc; (void)argv;
    static char big[512], big2[512];
    uint64_t hlen = FNV0, hcpy = FNV0, hcmp = FNV0, hchr = FNV0, hmem = FNV0, hstr = FNV0, hset = FNV0, hmove = FNV0;
    for (int align = 0; align < 64; align++) {
        for (int len = 0; len <= 80; len++) {
            char *s = big + align;
            memset(big, 'x', sizeof big);
            for (int i = 0; i < len; i++) s[i] = (char)('a' + (i * 7 + align) % 26);
            s[len] = 0;
            hlen = fnv_u64(hlen, strlen(s));
            hlen = fnv_u64(hlen, strnlen(s, (size_t)len / 2));
            char *d = big2 + ((align * 5) & 63);
            memset(big2, 0, sizeof big2);
            strcpy(d, s);
            hcpy = fnv(hcpy, big2, 200);
            strcat(d, "END");
            hcpy = fnv_u64(hcpy, strlen(d));
            hcmp = fnv_u64(hcmp, (uint64_t)sgn(strcmp(s, d)));
            hcmp = fnv_u64(hcmp, (uint64_t)sgn(strncmp(s, d, (size_t)len)));
            if (len > 0) {
                d[len - 1] ^= 1;
                hcmp = fnv_u64(hcmp, (uint64_t)sgn(strcmp(s, d)));
                hcmp = fnv_u64(hcmp, (uint64_t)sgn(memcmp(s, d, (size_t)len)));
                hcmp = fnv_u64(hcmp, (uint64_t)sgn(memcmp(s, d, (size_t)len - 1)));
                d[len - 1] ^= 1;
            }
            for (char ch = 'a'; ch <= 'z'; ch += 5) {
                char *p = strchr(s, ch), *q = strrchr(s, ch), *m = memchr(s, ch, (size_t)len);
                hchr = fnv_u64(hchr, p ? (uint64_t)(p - s) : 999);
                hchr = fnv_u64(hchr, q ? (uint64_t)(q - s) : 999);
                hchr = fnv_u64(hchr, m ? (uint64_t)(m - s) : 999);
            }
            hchr = fnv_u64(hchr, (uint64_t)(strchr(s, 0) - s));
            if (len >= 4) {
                char needle[5];
                memcpy(needle, s + len - 4, 4);
                needle[4] = 0;
                char *p = strstr(s, needle);
                hstr = fnv_u64(hstr, p ? (uint64_t)(p - s) : 999);
            }
            hstr = fnv_u64(hstr, strstr(s, "zzz") ? 1 : 0);
            /* memcpy / memset / memmove at odd offsets and lengths */
            memset(big2, 0, sizeof big2);
            memcpy(big2 + (align & 31), s, (size_t)len);
            hmem = fnv(hmem, big2, 160);
            memset(big2 + align, align, (size_t)len);
            hset = fnv(hset, big2, 200);
            memmove(big2 + align + 3, big2 + align, (size_t)len); /* overlapping forward */
            memmove(big2 + 1, big2 + 5, (size_t)len);              /* overlapping backward */
            hmove = fnv(hmove, big2, 200);
        }
    }
    printf("strlen %016llx\nstrcpy %016llx\nstrcmp %016llx\nstrchr %016llx\nstrstr %016llx\n",
           (unsigned long long)hlen, (unsigned long long)hcpy, (unsigned long long)hcmp, (unsigned long long)hchr,
           (unsigned long long)hstr);
    printf("memcpy %016llx\nmemset %016llx\nmemmove %016llx\n", (unsigned long long)hmem, (unsigned long long)hset,
           (unsigned long long)hmove);
    char text[] = "the quick,brown fox;;jumps,over the lazy dog";
    for (char *t = strtok(text, " ,;"); t; t = strtok(NULL, " ,;")) printf("tok [%s]\n", t);
    const char *nums[] = {"42", "-17", "  +99abc", "0x1fZ", "0777", "9223372036854775807", "9223372036854775808",
                          "-9223372036854775809", "18446744073709551615", "", "z"};
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
        char *end;
        errno = 0;
        long l = strtol(nums[i], &end, 0);
        int e1 = errno;
        errno = 0;
        unsigned long u = strtoul(nums[i], NULL, 10);
        int e2 = errno;
        printf("strtol(\"%s\") = %ld end+%d errno %d; strtoul10 = %lu errno %d; atoi = %d\n", nums[i], l,
               (int)(end - nums[i]), e1, u, e2, atoi(nums[i]));
    }
    const char *dbl[] = {"3.14159", "-2.5e-3", "1e400", "0x1.8p3", "inf", "-nan", "  12abc", "4.9e-324", "1e-400", ".5", "1e23", "2.2250738585072011e-308"};
    for (size_t i = 0; i < sizeof dbl / sizeof *dbl; i++) {
        char *end;
        errno = 0;
        double x = strtod(dbl[i], &end);
        printf("strtod(\"%s\") = %.17g (%a) end+%d erange %d\n", dbl[i], x, x, (int)(end - dbl[i]), errno == ERANGE);
    }
    char *dup = strdup("duplicate me");
    printf("strdup [%s] %zu; strspn %zu strcspn %zu\n", dup, strlen(dup), strspn(dup, "dupli"), strcspn(dup, " "));
    free(dup);
    return 0;
}

/* ---- snprintf ---- */
#pragma GCC diagnostic ignored "-Wformat-truncation"
static int t_snprintf(int argc, char **argv)
{
    (void)argc; (void)argv;
    char buf[16];
    for (size_t n = 0; n <= 16; n += 3) {
        memset(buf, '#', sizeof buf);
        int r = snprintf(buf, n, "%s-%d-%x", "abcdef", 12345, 0xbeef);
        printf("n=%zu r=%d buf=[%.*s]\n", n, r, (int)sizeof buf, buf);
    }
    int r = snprintf(NULL, 0, "%0100d", 7);
    printf("null r=%d\n", r);
    char big[300];
    r = snprintf(big, sizeof big, "%.*s|%-40s|%40.3f", 5, "truncate-me", "left", 3.14159);
    printf("r=%d [%s]\n", r, big);
    return 0;
}

/* ---- qsort ---- */
static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
struct rec { int key; double val; char name[12]; };
static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return strcmp(x->name, y->name);
}
static int t_qsort(int argc, char **argv)
{
    (void)argc; (void)argv;
    enum { N = 10000 };
    static int a[N];
    for (int i = 0; i < N; i++) a[i] = (int)(lcg() % 100000) - 50000;
    qsort(a, N, sizeof *a, cmp_int);
    uint64_t h = FNV0;
    int sorted = 1;
    for (int i = 0; i < N; i++) { h = fnv_u64(h, (uint64_t)a[i]); if (i && a[i - 1] > a[i]) sorted = 0; }
    printf("ints sorted=%d min=%d max=%d median=%d hash=%016llx\n", sorted, a[0], a[N - 1], a[N / 2], (unsigned long long)h);
    static char words[2000][8];
    static char *wp[2000];
    for (int i = 0; i < 2000; i++) {
        int l = 1 + (int)(lcg() % 6);
        for (int j = 0; j < l; j++) words[i][j] = (char)('a' + lcg() % 26);
        words[i][l] = 0;
        wp[i] = words[i];
    }
    qsort(wp, 2000, sizeof *wp, cmp_str);
    h = FNV0;
    for (int i = 0; i < 2000; i++) h = fnv(h, wp[i], strlen(wp[i]) + 1);
    printf("strings first=%s last=%s hash=%016llx\n", wp[0], wp[1999], (unsigned long long)h);
    static struct rec r[3000];
    for (int i = 0; i < 3000; i++) {
        r[i].key = (int)(lcg() % 50);
        r[i].val = i * 0.5;
        snprintf(r[i].name, sizeof r[i].name, "n%u", lcg() % 100000);
    }
    qsort(r, 3000, sizeof *r, cmp_rec);
    h = FNV0;
    for (int i = 0; i < 3000; i++) { h = fnv_u64(h, (uint64_t)r[i].key); h = fnv(h, r[i].name, strlen(r[i].name)); h = fnv(h, &r[i].val, 8); }
    printf("structs first=%d/%s last=%d/%s hash=%016llx\n", r[0].key, r[0].name, r[2999].key, r[2999].name, (unsigned long long)h);
    int key = a[1234];
    int *found = bsearch(&key, a, N, sizeof *a, cmp_int);
    printf("bsearch found=%d value=%d\n", found != NULL, found ? *found : 0);
    return 0;
}

/* ---- switch ---- */
__attribute__((noinline)) static int dense(int x)
{
    switch (x) {
    case 0: return 11; case 1: return 23; case 2: return 37; case 3: return 41; case 4: return 53;
    case 5: return 67; case 6: return 71; case 7: return 83; case 8: return 97; case 9: return 101;
    case 10: return 113; case 11: return 127; case 12: return 131; case 13: return 149; case 14: return 151;
    case 15: return 163; default: return -1;
    }
}
__attribute__((noinline)) static int sparse(long long x)
{
    switch (x) {
    case -1000000: return 1; case -5: return 2; case 7: return 3; case 100: return 4; case 4096: return 5;
    case 65537: return 6; case 1LL << 40: return 7; default: return 0;
    }
}
static int t_switch(int argc, char **argv)
{
    (void)argc; (void)argv;
    long sum = 0;
    for (int i = -3; i < 20; i++) { printf("%d ", dense(i)); sum += dense(i) * i; }
    printf("\ndense sum %ld\n", sum);
    long long xs[] = {-1000000, -5, 0, 7, 8, 100, 4096, 65537, 1LL << 40, (1LL << 40) + 1};
    for (size_t i = 0; i < sizeof xs / sizeof *xs; i++) printf("sparse(%lld) = %d\n", xs[i], sparse(xs[i]));
    return 0;
}

/* ---- varargs ---- */
static double sum_mixed(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    double s = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p == 'i') s += va_arg(ap, int);
        else if (*p == 'l') s += (double)va_arg(ap, long long);
        else if (*p == 'd') s += va_arg(ap, double);
    }
    va_end(ap);
    return s;
}
static int my_printf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int r = vsnprintf(buf, n, fmt, ap);
    int r2 = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    va_end(ap);
    return r == r2 ? r : -1;
}
static int t_varargs(int argc, char **argv)
{
    (void)argc; (void)argv;
    printf("%.6f\n", sum_mixed("iid", 1, 2, 0.5));
    printf("%.6f\n", sum_mixed("dddddddddd", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.5)); /* spills past xmm0-7 */
    printf("%.6f\n", sum_mixed("iiiiiiiiil", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10000000000LL));        /* spills past the gprs */
    printf("%.6f\n", sum_mixed("idid idid", 1, 0.25, 2, 0.25, 3, 0.25, 4, 0.25));
    char buf[64];
    int r = my_printf(buf, sizeof buf, "%s=%d,%g,%c", "x", -5, 2.5, 'q');
    printf("%d [%s]\n", r, buf);
    return 0;
}

/* ---- setjmp ---- */
static jmp_buf jb_outer, jb_inner;
static int depth_reached;
__attribute__((noinline)) static void dive(int n)
{
    volatile char pad[64];
    pad[0] = (char)n;
    depth_reached = n + pad[0] - n;
    if (n == 10) longjmp(jb_outer, n * 3);
    if (n < 1000) dive(n + 1);
}
__attribute__((noinline)) static void inner_thrower(int v) { longjmp(jb_inner, v); }
static int t_setjmp(int argc, char **argv)
{
    (void)argc; (void)argv;
    volatile int counter = 0;
    int r = setjmp(jb_outer);
    printf("setjmp returned %d (counter %d)\n", r, counter);
    if (r == 0) { counter++; dive(0); }
    printf("depth %d\n", depth_reached);
    for (volatile int i = 0; i < 3; i++) {
        int r2 = setjmp(jb_inner);
        if (r2 == 0) inner_thrower(i + 100);
        else printf("inner %d -> %d\n", i, r2);
    }
    int r3 = setjmp(jb_inner);
    if (r3 == 0) longjmp(jb_inner, 0); /* longjmp with 0 makes setjmp return 1 */
    printf("zero became %d\n", r3);
    return 0;
}

/* ---- malloc ---- */
static int t_malloc(int argc, char **argv)
{
    (void)argc; (void)argv;
    enum { SLOTS = 512 };
    static unsigned char *p[SLOTS];
    static size_t sz[SLOTS];
    uint64_t h = FNV0;
    for (int iter = 0; iter < 3000; iter++) {
        int i = (int)(lcg() % SLOTS);
        uint32_t r = lcg();
        if (p[i]) {
            /* verify contents, then free or realloc */
            for (size_t k = 0; k < sz[i]; k += 97) if (p[i][k] != (unsigned char)(i + k)) { printf("corrupt %d\n", i); return 1; }
            h = fnv_u64(h, sz[i]);
            if (r & 1) { free(p[i]); p[i] = NULL; continue; }
        }
        size_t n;
        switch (r % 16) {
        case 0: n = 140000 + r % 100000; break; /* above the mmap threshold */
        case 1: case 2: n = 4096 + r % 60000; break;
        default: n = 1 + r % 700; break;
        }
        unsigned char *q = p[i] ? realloc(p[i], n) : malloc(n);
        if (!q) { printf("alloc failed\n"); return 1; }
        size_t keep = p[i] ? (sz[i] < n ? sz[i] : n) : 0;
        for (size_t k = 0; k < keep; k += 97) if (q[k] != (unsigned char)(i + k)) { printf("realloc lost data %d\n", i); return 1; }
        for (size_t k = 0; k < n; k++) q[k] = (unsigned char)(i + k);
        p[i] = q;
        sz[i] = n;
    }
    size_t live = 0;
    for (int i = 0; i < SLOTS; i++) { live += p[i] ? sz[i] : 0; free(p[i]); }
    int zero = 1;
    for (int round = 0; round < 20; round++) {
        size_t n = 1 + lcg() % 300000;
        unsigned char *c = calloc(n, 1);
        for (size_t k = 0; k < n; k++) if (c[k]) zero = 0;
        memset(c, 0xa5, n);
        free(c);
    }
    void *al = aligned_alloc(4096, 8192);
    printf("checksum %016llx live %zu calloc-zero %d aligned %d\n", (unsigned long long)h, live, zero, ((uintptr_t)al & 4095) == 0);
    free(al);
    return 0;
}

/* ---- fileio ---- */
static int t_fileio(int argc, char **argv)
{
    (void)argc; (void)argv;
    char path[64];
    snprintf(path, sizeof path, "/tmp/egret-ctest-%d.txt", (int)getpid());
    int fd = open(path, O_CREAT | O_TRUNC | O_RDWR, 0644);
    if (fd < 0) { printf("open failed\n"); return 1; }
    const char msg[] = "0123456789abcdefghij";
    printf("write %zd\n", write(fd, msg, 20));
    printf("lseek %ld\n", (long)lseek(fd, 5, SEEK_SET));
    char buf[32] = {0};
    printf("read %zd [%s]\n", read(fd, buf, 8), buf);
    printf("lseek end %ld\n", (long)lseek(fd, -3, SEEK_END));
    memset(buf, 0, sizeof buf);
    printf("read %zd [%s]\n", read(fd, buf, 8), buf);
    printf("read at eof %zd\n", read(fd, buf, 8));
    printf("pwrite %zd\n", pwrite(fd, "XY", 2, 30)); /* leaves a hole */
    struct stat st;
    fstat(fd, &st);
    printf("fstat size %ld regular %d mode %o\n", (long)st.st_size, S_ISREG(st.st_mode), (unsigned)(st.st_mode & 0777));
    close(fd);
    FILE *f = fopen(path, "r+");
    char line[64];
    printf("fgets [%s]\n", fgets(line, 12, f));
    fseek(f, 0, SEEK_END);
    printf("ftell %ld\n", ftell(f));
    fprintf(f, "\nline %d\nline %s\n", 2, "three");
    rewind(f);
    int lines = 0;
    while (fgets(line, sizeof line, f)) lines++;
    printf("lines %d\n", lines);
    fclose(f);
    f = fopen(path, "wb");
    double data[100];
    for (int i = 0; i < 100; i++) data[i] = i * 1.5;
    printf("fwrite %zu\n", fwrite(data, sizeof *data, 100, f));
    fclose(f);
    f = fopen(path, "rb");
    double back[100];
    printf("fread %zu\n", fread(back, sizeof *back, 100, f));
    printf("same %d\n", memcmp(data, back, sizeof data) == 0);
    printf("feof-before %d\n", feof(f));
    size_t more = fread(back, 1, 10, f);
    printf("fread-more %zu feof %d\n", more, feof(f) != 0);
    fclose(f);
    stat(path, &st);
    printf("stat size %ld\n", (long)st.st_size);
    printf("unlink %d\n", unlink(path));
    errno = 0;
    f = fopen(path, "r");
    int missing_errno = errno;
    printf("fopen missing: %s errno %d (%s)\n", f ? "opened?" : "NULL", missing_errno, strerror(missing_errno));
    errno = 0;
    int bad = open("/nonexistent/dir/file", O_RDONLY);
    int bad_errno = errno;
    printf("open missing %d errno %d (%s)\n", bad, bad_errno, strerror(bad_errno));
    printf("access /bin/sh %d\n", access("/bin/sh", X_OK));
    char cwd[4096];
    const char *c = getcwd(cwd, sizeof cwd);
    const char *tail = c ? strrchr(c, '/') : NULL;
    printf("cwd ends with [%s]\n", tail ? tail : "(none)");
    return 0;
}

/* ---- libm ---- */
static int t_libm(int argc, char **argv)
{
    (void)argc; (void)argv;
    double xs[] = {0.0, -0.0, 0.5, 1.0, 2.0, 3.0, 10.0, 0.1, 1e-10, 123.456, -7.25, 1e10, 1e300, 710.0, -745.5, M_PI, M_PI / 2, 1e22};
    for (size_t i = 0; i < sizeof xs / sizeof *xs; i++) {
        double x = xs[i];
        printf("x=%.17g\n sqrt %.17g sin %.17g cos %.17g tan %.17g\n exp %.17g log %.17g log10 %.17g cbrt %.17g\n"
               " floor %.17g ceil %.17g round %.17g trunc %.17g rint %.17g llround %lld\n atan %.17g atan2 %.17g asin %.17g\n"
               " sinh %.17g tanh %.17g expm1 %.17g log1p %.17g fabs %.17g\n",
               x, sqrt(x), sin(x), cos(x), tan(x), exp(x), log(x), log10(x), cbrt(x), floor(x), ceil(x), round(x),
               trunc(x), rint(x), fabs(x) < 1e18 ? llround(x) : 0LL, atan(x), atan2(x, -1.5), asin(fmod(x, 1.0)), sinh(x),
               tanh(x), expm1(x), log1p(x), fabs(x));
    }
    double ps[][2] = {{2, 10}, {2, 0.5}, {-8, 1.0 / 3}, {10, -2}, {0, 0}, {1.0000001, 1e9}, {-2, 3}, {2, 1024}, {0.5, -1075}};
    for (size_t i = 0; i < sizeof ps / sizeof *ps; i++) {
        double a = ps[i][0], b = ps[i][1];
        printf("pow(%g,%g)=%.17g fmod=%.17g hypot=%.17g remainder=%.17g fmin=%g fmax=%g copysign=%g\n", a, b, pow(a, b),
               fmod(a, b), hypot(a, b), remainder(a, b), fmin(a, b), fmax(a, b), copysign(a, b));
    }
    int e;
    double m = frexp(1234.5, &e);
    printf("frexp %.17g %d ldexp %.17g modf ", m, e, ldexp(0.75, -1070));
    double ip, fp = modf(-3.75, &ip);
    printf("%.17g %.17g\n", ip, fp);
    printf("float: sqrtf %.9g sinf %.9g expf %.9g powf %.9g\n", sqrtf(2.0f), sinf(1.0f), expf(3.5f), powf(1.5f, 7.25f));
    printf("isnan %d isinf %d signbit %d fpclassify %d %d\n", isnan(sqrt(-1.0)), isinf(exp(1000.0)), signbit(-0.0) != 0,
           fpclassify(5e-324), fpclassify(1.0));
    return 0;
}

/* ---- env ---- */
static int t_env(int argc, char **argv)
{
    (void)argc; (void)argv;
    const char *v = getenv("EGRET_TEST_VAR");
    const char *m = getenv("EGRET_TEST_MISSING");
    printf("EGRET_TEST_VAR=%s\nmissing=%s\n", v ? v : "(null)", m ? m : "(null)");
    printf("LANG=%s PATH=%s\n", getenv("LANG") ? getenv("LANG") : "(null)", getenv("PATH") ? getenv("PATH") : "(null)");
    setenv("EGRET_NEW", "set-in-process", 1);
    printf("EGRET_NEW=%s\n", getenv("EGRET_NEW"));
    unsetenv("EGRET_TEST_VAR");
    printf("after unset=%s\n", getenv("EGRET_TEST_VAR") ? "still there" : "(null)");
    printf("argc=%d argv0-nonempty=%d\n", argc, argv[0][0] != 0);
    return 0;
}

/* ---- stderr ---- */
static int t_stderr(int argc, char **argv)
{
    (void)argc; (void)argv;
    for (int i = 0; i < 5; i++) {
        printf("out %d\n", i);
        fflush(stdout);
        fprintf(stderr, "err %d\n", i);
    }
    printf("no newline at the end of stdout");
    fputs("no newline at the end of stderr", stderr);
    return 0;
}

/* ---- exitcode / abort ---- */
static int t_exitcode(int argc, char **argv)
{
    (void)argc; (void)argv;
    printf("exiting with 42\n");
    exit(42);
}
static int t_abort(int argc, char **argv)
{
    (void)argc; (void)argv;
    printf("about to abort\n");
    fflush(stdout);
    abort();
}

/* ---- small programs ---- */
static int t_sieve(int argc, char **argv)
{
    int n = argc > 2 ? atoi(argv[2]) : 1000000;
    char *composite = calloc((size_t)n + 1, 1);
    int count = 0;
    long long sum = 0;
    for (int i = 2; i <= n; i++) {
        if (composite[i]) continue;
        count++;
        sum += i;
        for (long long j = (long long)i * i; j <= n; j += i) composite[j] = 1;
    }
    printf("primes up to %d: %d, sum %lld\n", n, count, sum);
    free(composite);
    return 0;
}

struct entry { char key[16]; int value; struct entry *next; };
static int t_hashmap(int argc, char **argv)
{
    (void)argc; (void)argv;
    enum { BUCKETS = 1021 };
    static struct entry *table[BUCKETS];
    int inserted = 0, updated = 0;
    for (int i = 0; i < 50000; i++) {
        char key[16];
        snprintf(key, sizeof key, "k%u", lcg() % 20000);
        uint64_t h = fnv(FNV0, key, strlen(key)) % BUCKETS;
        struct entry *e = table[h];
        while (e && strcmp(e->key, key)) e = e->next;
        if (e) { e->value += i; updated++; }
        else {
            e = malloc(sizeof *e);
            strcpy(e->key, key);
            e->value = i;
            e->next = table[h];
            table[h] = e;
            inserted++;
        }
    }
    uint64_t total = 0;
    int longest = 0;
    for (int b = 0; b < BUCKETS; b++) {
        int len = 0;
        for (struct entry *e = table[b], *n; e; e = n) { total = total * 31 + (uint64_t)e->value; len++; n = e->next; free(e); }
        if (len > longest) longest = len;
    }
    printf("inserted %d updated %d longest chain %d total %llu\n", inserted, updated, longest, (unsigned long long)total);
    return 0;
}

static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int ackermann(int m, int n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}
static int t_recursion(int argc, char **argv)
{
    (void)argc; (void)argv;
    for (int i = 0; i <= 27; i += 3) printf("fib(%d) = %ld\n", i, fib(i));
    printf("ackermann(2, 3) = %d, ackermann(3, 5) = %d\n", ackermann(2, 3), ackermann(3, 5));
    return 0;
}

static int t_bits(int argc, char **argv)
{
    (void)argc; (void)argv;
    uint64_t h = FNV0;
    for (int i = 0; i < 2000; i++) {
        uint64_t x = ((uint64_t)lcg() << 32) | lcg();
        if (i % 7 == 0) x >>= (i % 64);
        h = fnv_u64(h, (uint64_t)__builtin_popcountll(x));
        h = fnv_u64(h, x ? (uint64_t)__builtin_clzll(x) : 64);
        h = fnv_u64(h, x ? (uint64_t)__builtin_ctzll(x) : 64);
        h = fnv_u64(h, __builtin_bswap64(x));
        h = fnv_u64(h, __builtin_bswap32((uint32_t)x));
        h = fnv_u64(h, (x << 13) | (x >> 51));
        h = fnv_u64(h, (uint64_t)((int64_t)x >> 17));
        h = fnv_u64(h, (uint64_t)__builtin_parityll(x));
        uint32_t y = (uint32_t)x;
        h = fnv_u64(h, (y >> 5) ^ (uint32_t)((int32_t)y >> 3) ^ (y << 7));
        uint16_t z = (uint16_t)x;
        h = fnv_u64(h, (uint16_t)(z * 3 + (z >> 2)));
        int8_t b = (int8_t)x;
        h = fnv_u64(h, (uint64_t)(int64_t)(b * b - b / 3));
    }
    printf("bits hash %016llx\n", (unsigned long long)h);
    printf("popcount(0xf0f0) %d clz(1) %d ctz(0x80) %d\n", __builtin_popcount(0xf0f0), __builtin_clzll(1), __builtin_ctz(0x80));
    return 0;
}

static int t_divconst(int argc, char **argv)
{
    (void)argc; (void)argv;
    uint64_t h = FNV0;
    for (int i = 0; i < 5000; i++) {
        uint64_t u = ((uint64_t)lcg() << 32) | lcg();
        int64_t s = (int64_t)u;
        uint32_t u32 = (uint32_t)u;
        int32_t s32 = (int32_t)u32;
        if (i < 40) { u = (uint64_t)i; s = i - 20; u32 = (uint32_t)i; s32 = i - 20; }
        /* division by constants compiles to multiply-high and shifts */
        h = fnv_u64(h, u / 3); h = fnv_u64(h, u % 7); h = fnv_u64(h, u / 10); h = fnv_u64(h, u / 1000000007);
        h = fnv_u64(h, (uint64_t)(s / 3)); h = fnv_u64(h, (uint64_t)(s % 7)); h = fnv_u64(h, (uint64_t)(s / -10));
        h = fnv_u64(h, (uint64_t)(s / 16)); h = fnv_u64(h, (uint64_t)(s % 16));
        h = fnv_u64(h, u32 / 3); h = fnv_u64(h, u32 % 10); h = fnv_u64(h, (uint64_t)(s32 / 5)); h = fnv_u64(h, (uint64_t)(s32 % 5));
        h = fnv_u64(h, (uint64_t)(s32 / 1024));
        /* 64x64 -> 128 high half, by 32-bit pieces */
        uint64_t v = ((uint64_t)lcg() << 32) | lcg();
        h = fnv_u64(h, mulhi_u64(u, v));
        /* runtime divisors */
        volatile uint64_t dv = (v >> (i % 60)) | 1;
        h = fnv_u64(h, u / dv); h = fnv_u64(h, u % dv);
        volatile int64_t ds = (int64_t)dv * ((i & 1) ? -1 : 1);
        if (!(s == INT64_MIN && ds == -1)) { h = fnv_u64(h, (uint64_t)(s / ds)); h = fnv_u64(h, (uint64_t)(s % ds)); }
    }
    printf("divconst hash %016llx\n", (unsigned long long)h);
    return 0;
}

static int t_floatloop(int argc, char **argv)
{
    (void)argc; (void)argv;
    /* a small numeric kernel: matrix multiply, mandelbrot and a float->int mix */
    enum { N = 24 };
    static double a[N][N], b[N][N], c[N][N];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { a[i][j] = (i + 1) * 0.5 - j * 0.25; b[i][j] = (i == j) + (i - j) / 7.0; }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double s = 0;
            for (int k = 0; k < N; k++) s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
    double trace = 0;
    for (int i = 0; i < N; i++) trace += c[i][i];
    printf("trace %.17g c[3][17] %.17g\n", trace, c[3][17]);
    int rows = 12, cols = 40;
    for (int y = 0; y < rows; y++) {
        for (int x = 0; x < cols; x++) {
            double cr = -2.0 + x * 2.5 / cols, ci = -1.1 + y * 2.2 / rows, zr = 0, zi = 0;
            int it = 0;
            while (it < 50 && zr * zr + zi * zi < 4.0) { double t = zr * zr - zi * zi + cr; zi = 2 * zr * zi + ci; zr = t; it++; }
            putchar(" .:-=+*#%@"[it % 10]);
        }
        putchar('\n');
    }
    float f = 0;
    long acc = 0;
    for (int i = 0; i < 1000; i++) { f += 0.1f * (float)(i % 13); acc += (long)(f * 3.7f) ^ i; }
    printf("float acc %ld f %.9g\n", acc, f);
    return 0;
}

/* ---- fconv: conversions the compiler does inline (fctiwz, frsp, the 0x43300000 trick for
 * int -> double since ppc32 has no fcfid) ---- */
static int t_fconv(int argc, char **argv)
{
    (void)argc; (void)argv;
    double ds[] = {0.0, -0.0, 0.5, -0.5, 0.9999999999999999, 1.5, -1.5, 2.5, 123456.789, -123456.789, 2147483647.0,
                   -2147483648.0, 2147483647.9, -2147483648.9, 4294967295.0, 4294967295.9, 3e9, 1e-300, 65535.99};
    for (size_t i = 0; i < sizeof ds / sizeof *ds; i++) {
        volatile double d = ds[i];
        int si = d > -2147483649.0 && d < 2147483648.0 ? (int)d : 0;
        unsigned ui = d > -1.0 && d < 4294967296.0 ? (unsigned)d : 0;
        short sh = d > -32769.0 && d < 32768.0 ? (short)d : 0;
        unsigned char uc = d > -1.0 && d < 256.0 ? (unsigned char)d : 0;
        float f = (float)d;
        printf("d %a: int %d unsigned %u short %d uchar %u float %a (%.9g)\n", d, si, ui, sh, uc, (double)f, (double)f);
    }
    int is[] = {0, 1, -1, 2147483647, -2147483647 - 1, 16777217, -16777217, 123456789};
    for (size_t i = 0; i < sizeof is / sizeof *is; i++) {
        volatile int v = is[i];
        volatile unsigned u = (unsigned)is[i];
        printf("i %d: double %a float %a; u %u: double %a float %a\n", v, (double)v, (double)(float)v, u, (double)u,
               (double)(float)u);
    }
    double big[] = {3.4028234663852886e38, 3.4028235677973366e38, 3.402823567797337e38, 1e39, 1.1754943508222875e-38,
                    1.4012984643248171e-45, 7.006492321624085e-46, 7.006492321624087e-46, 1e-46, 0.1, 1.0 / 3.0,
                    16777217.0, 16777219.0};
    for (size_t i = 0; i < sizeof big / sizeof *big; i++) {
        volatile double d = big[i];
        volatile float f = (float)d;
        printf("frsp %a -> %a %a\n", d, (double)f, (double)-(float)-d);
    }
    volatile float a = 1.1f, b = 3.3f, c = -2.2f;
    printf("float ops %a %a %a %a %a\n", (double)(a + b), (double)(a * b), (double)(b / a), (double)(a - b * c),
           (double)(a * b + c));
    float acc = 0;
    for (int i = 1; i <= 1000; i++) acc += 1.0f / (float)i;
    double dacc = 0;
    for (int i = 1; i <= 1000; i++) dacc += 1.0 / i;
    printf("harmonic float %a double %a\n", (double)acc, dacc);
    return 0;
}

/* ---- fma: libm fma()/fmaf() (fmadd/fmadds) and expressions gcc contracts with
 * -ffp-contract=fast; every result printed with %a, so a second rounding shows ---- */
__attribute__((noinline)) static double madd(double a, double b, double c) { return a * b + c; }
__attribute__((noinline)) static double msub(double a, double b, double c) { return a * b - c; }
__attribute__((noinline)) static double nmadd(double a, double b, double c) { return -(a * b + c); }
__attribute__((noinline)) static double nmsub(double a, double b, double c) { return c - a * b; }
__attribute__((noinline)) static float maddf(float a, float b, float c) { return a * b + c; }
__attribute__((noinline)) static double unfused(double a, double b, double c)
{
    volatile double p = a * b;
    return p + c;
}
__attribute__((noinline)) static double dot(const double *x, const double *y, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i] * y[i];
    return s;
}
static int t_fma(int argc, char **argv)
{
    (void)argc; (void)argv;
    double t[][3] = {{1.0 + 0x1p-30, 1.0 + 0x1p-30, -(1.0 + 0x1p-29)}, {0.1, 10.0, -1.0}, {1.0 + 0x1p-52, 1.0 - 0x1p-53, -1.0},
                     {DBL_MAX, 2.0, -DBL_MAX}, {1e308, 10.0, -INFINITY}, {1.0, 1.0, -1.0}, {-1.0, 1.0, 1.0},
                     {3.0, 1.0 / 3.0, -1.0}, {0x1p-1022, 0x1p-52, 0.0}, {1e-200, 1e-200, 0x1p-1074}, {INFINITY, 0.0, 1.0},
                     {2.0, 3.0, NAN}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        double a = t[i][0], b = t[i][1], c = t[i][2];
        printf("fma(%a, %a, %a)\n  fma %a madd %a unfused %a\n  msub %a nmadd %a nmsub %a\n", a, b, c, fma(a, b, c),
               madd(a, b, c), unfused(a, b, c), msub(a, b, c), nmadd(a, b, c), nmsub(a, b, c));
    }
    float ft[][3] = {{1.0f + 0x1p-12f, 1.0f + 0x1p-12f, 0x1p-80f}, {0.1f, 10.0f, -1.0f}, {16777215.0f, 1.0f, 1.0f},
                     {FLT_MAX, 2.0f, -FLT_MAX}, {1.0f / 3.0f, 3.0f, -1.0f}};
    for (size_t i = 0; i < sizeof ft / sizeof *ft; i++) {
        float a = ft[i][0], b = ft[i][1], c = ft[i][2];
        printf("fmaf(%a, %a, %a) = %a maddf %a\n", (double)a, (double)b, (double)c, (double)fmaf(a, b, c), (double)maddf(a, b, c));
    }
    double x[16], y[16];
    for (int i = 0; i < 16; i++) { x[i] = 1.0 / (i + 1); y[i] = (i % 2 ? -1.0 : 1.0) * (i + 0.1); }
    printf("dot %a\n", dot(x, y, 16));
    double z = 0.3;
    for (int i = 0; i < 50; i++) z = madd(z, 3.7, -z * z * 3.7 + 0.01 * i);
    printf("logistic-ish %a\n", z);
    return 0;
}

/* ---- endian: big-endian memory layout ---- */
struct bits_layout { unsigned a : 3, b : 5, c : 12, d : 12; };
static int t_endian(int argc, char **argv)
{
    (void)argc; (void)argv;
    union { uint32_t u; uint16_t h[2]; unsigned char b[4]; } w = {.u = 0x11223344};
    printf("u32 0x%08x bytes %02x %02x %02x %02x halves %04x %04x\n", w.u, w.b[0], w.b[1], w.b[2], w.b[3], w.h[0], w.h[1]);
    union { uint64_t u; uint32_t w[2]; unsigned char b[8]; } q = {.u = 0x0102030405060708ULL};
    printf("u64 words %08x %08x byte0 %02x byte7 %02x\n", q.w[0], q.w[1], q.b[0], q.b[7]);
    union { double d; uint32_t w[2]; unsigned char b[8]; } dd = {.d = -1.5};
    printf("double -1.5 words %08x %08x first byte %02x\n", dd.w[0], dd.w[1], dd.b[0]);
    union { float f; unsigned char b[4]; } ff = {.f = 0.1f};
    printf("float 0.1 bytes %02x %02x %02x %02x\n", ff.b[0], ff.b[1], ff.b[2], ff.b[3]);
    volatile uint32_t v = 0xdeadbeef;
    volatile uint16_t s = 0xcafe;
    printf("htonl %08x ntohl %08x htons %04x ntohs %04x\n", htonl(v), ntohl(v), htons(s), ntohs(s));
    printf("bswap16 %04x bswap32 %08x bswap64 %016llx\n", __builtin_bswap16(s), __builtin_bswap32(v),
           (unsigned long long)__builtin_bswap64(0x0102030405060708ULL));
    unsigned char buf[16];
    for (int i = 0; i < 16; i++) buf[i] = (unsigned char)(0xf0 + i);
    for (int off = 0; off < 5; off++) {
        uint16_t h16; uint32_t h32; uint64_t h64;
        memcpy(&h16, buf + off, 2); memcpy(&h32, buf + off, 4); memcpy(&h64, buf + off, 8);
        printf("off %d: %04x %08x %016llx\n", off, h16, h32, (unsigned long long)h64);
    }
    struct bits_layout bl = {5, 17, 0xabc, 0x123};
    unsigned char raw[sizeof bl];
    memcpy(raw, &bl, sizeof bl);
    printf("bitfields size %zu bytes %02x %02x %02x %02x\n", sizeof bl, raw[0], raw[1], raw[2], raw[3]);
    struct { char c; short s; int i; long long ll; double d; } st;
    printf("struct offsets %zu %zu %zu %zu size %zu\n", offsetof(__typeof__(st), s), offsetof(__typeof__(st), i),
           offsetof(__typeof__(st), ll), offsetof(__typeof__(st), d), sizeof st);
    printf("sizes char %zu short %zu int %zu long %zu llong %zu ptr %zu double %zu ldouble %zu\n", sizeof(char),
           sizeof(short), sizeof(int), sizeof(long), sizeof(long long), sizeof(void *), sizeof(double), sizeof(long double));
    printf("char is %s\n", (char)-1 < 0 ? "signed" : "unsigned");
    return 0;
}

/* ---- fenv: rounding modes and exception flags (the FPSCR through glibc) ---- */
static int t_fenv(int argc, char **argv)
{
    (void)argc; (void)argv;
    printf("FE_TONEAREST %d FE_TOWARDZERO %d FE_UPWARD %d FE_DOWNWARD %d\n", FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD,
           FE_DOWNWARD);
    printf("FE_INEXACT %#x FE_DIVBYZERO %#x FE_UNDERFLOW %#x FE_OVERFLOW %#x FE_INVALID %#x\n", FE_INEXACT, FE_DIVBYZERO,
           FE_UNDERFLOW, FE_OVERFLOW, FE_INVALID);
    printf("initial round %d\n", fegetround());
    int modes[] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
    const char *names[] = {"nearest", "zero", "up", "down"};
    double vals[] = {2.5, -2.5, 3.5, 0.5, -0.5, 1.4999999999999998, 2.500000001, -7.5, 1e15 + 0.5};
    for (int m = 0; m < 4; m++) {
        int set = fesetround(modes[m]);
        int got = fegetround();
        volatile double one = 1.0, three = 3.0, tenth = 0.1, big = DBL_MAX;
        /* volatile results: gcc does not order FP arithmetic against fesetround() calls */
        volatile double third = one / three, sq = sqrt(2.0 * one), sum = one + 0x1p-60, neg = -one - 0x1p-60;
        volatile double zero = one - one, ovf = big * 2.0, ex = exp(one), lg = log(three);
        volatile float fr = (float)tenth;
        volatile double ni[9], ri[9];
        volatile long li[9];
        volatile long long lli[9];
        for (int i = 0; i < 9; i++) {
            volatile double v = vals[i];
            ni[i] = nearbyint(v); ri[i] = rint(v); li[i] = lrint(v); lli[i] = llrint(v);
        }
        fesetround(FE_TONEAREST);
        printf("%s: set %d get %d third %a sqrt2 %a 1+2^-60 %a -1-2^-60 %a 1-1 %a ovf %a frsp(0.1) %a exp1 %a log3 %a\n",
               names[m], set, got == modes[m], third, sq, sum, neg, zero, ovf, (double)fr, ex, lg);
        for (int i = 0; i < 9; i++)
            printf("  %.17g: nearbyint %.17g rint %.17g lrint %ld llrint %lld\n", vals[i], ni[i], ri[i], li[i], lli[i]);
    }
    printf("fesetround(bogus) %d, round still %d\n", fesetround(12345), fegetround());
    volatile double zero = 0.0, one = 1.0, big = DBL_MAX, tiny = DBL_MIN, three = 3.0, neg = -1.0;
    volatile double r; /* stored before each fetestexcept(): keeps the arithmetic before the call */
#define FLAGS(what)                                                                                                  \
    printf("%-12s inexact %d divbyzero %d underflow %d overflow %d invalid %d\n", what, !!fetestexcept(FE_INEXACT), \
           !!fetestexcept(FE_DIVBYZERO), !!fetestexcept(FE_UNDERFLOW), !!fetestexcept(FE_OVERFLOW),                  \
           !!fetestexcept(FE_INVALID))
    feclearexcept(FE_ALL_EXCEPT);
    FLAGS("cleared");
    r = one / zero; FLAGS("1/0"); printf("  = %g\n", r);
    feclearexcept(FE_ALL_EXCEPT);
    r = zero / zero; FLAGS("0/0"); printf("  = %g\n", r);
    feclearexcept(FE_ALL_EXCEPT);
    r = big * 2.0; FLAGS("overflow"); printf("  = %g\n", r);
    feclearexcept(FE_ALL_EXCEPT);
    r = tiny * tiny; FLAGS("underflow"); printf("  = %g\n", r);
    feclearexcept(FE_ALL_EXCEPT);
    r = one / three; FLAGS("1/3"); printf("  = %.17g\n", r);
    feclearexcept(FE_ALL_EXCEPT);
    r = sqrt(neg); FLAGS("sqrt(-1)"); printf("  = %g\n", r);
    feclearexcept(FE_ALL_EXCEPT);
    r = one + three; FLAGS("1+3"); printf("  = %g\n", r);
    r = nearbyint(2.5 * one); FLAGS("nearbyint"); printf("  = %g\n", r);
    r = rint(2.5 * one); FLAGS("rint"); printf("  = %g\n", r);
    feclearexcept(FE_ALL_EXCEPT);
    r = one / zero;
    r = one / three;
    FLAGS("1/0 then 1/3");
    feclearexcept(FE_DIVBYZERO);
    FLAGS("clear divbyzero");
    fexcept_t saved;
    fegetexceptflag(&saved, FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_OVERFLOW | FE_INVALID);
    FLAGS("raised ov|inv");
    fesetexceptflag(&saved, FE_ALL_EXCEPT);
    FLAGS("restored");
    fenv_t env;
    feholdexcept(&env);
    FLAGS("held");
    r = zero / zero;
    fesetround(FE_UPWARD);
    feupdateenv(&env);
    FLAGS("updated");
    printf("round after feupdateenv %d\n", fegetround());
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    return 0;
}

/* ---- libm_ppc: more libm, and the same functions in float ---- */
static int t_libm_ppc(int argc, char **argv)
{
    (void)argc; (void)argv;
    double xs[] = {-10.5, -1.0, -0.25, 0.0, 1e-8, 0.7, 1.0, 2.0, 5.5, 100.0, 1e5, 1e22, 709.78, -708.4};
    for (size_t i = 0; i < sizeof xs / sizeof *xs; i++) {
        double x = xs[i];
        printf("x=%a sin %a cos %a exp %a log %a cbrt %a floor %a fmod(x,0.3) %a lrint %ld nearbyint %a\n", x, sin(x), cos(x),
               exp(x), log(fabs(x)), cbrt(x), floor(x), fmod(x, 0.3), fabs(x) < 2e9 ? lrint(x) : 0L, nearbyint(x));
        printf("  atan2(x,1) %a atan2(1,x) %a atan2(x,-2) %a hypot(x,3) %a pow(1.5,x) %a pow(x,2) %a pow(x,0.5) %a\n",
               atan2(x, 1.0), atan2(1.0, x), atan2(x, -2.0), hypot(x, 3.0), pow(1.5, x), pow(x, 2.0), pow(x, 0.5));
        float f = (float)x;
        printf("  float: sinf %a cosf %a expf %a logf %a sqrtf %a floorf %a\n", (double)sinf(f), (double)cosf(f),
               (double)expf(f), (double)logf(fabsf(f)), (double)sqrtf(fabsf(f)), (double)floorf(f));
    }
    int q;
    double rq = remquo(29.0, 3.0, &q);
    printf("remquo %a %d ilogb %d logb %a scalbn %a nextafter %a %a\n", rq, q, ilogb(1000.0), logb(1000.0), scalbn(1.5, 100),
           nextafter(1.0, 2.0), nextafter(0.0, -1.0));
    printf("erf %a lgamma %a tgamma %a j0 %a asinh %a acosh %a atanh %a exp2 %a log2 %a\n", erf(0.5), lgamma(10.5), tgamma(5.5),
           j0(2.0), asinh(2.0), acosh(2.0), atanh(0.5), exp2(10.3), log2(10.0));
    printf("specials sqrt(-0) %g pow(-0,-1) %g atan2(-0,-0) %g fmod(1,0) %g hypot(inf,nan) %g log(0) %g\n", sqrt(-0.0),
           pow(-0.0, -1.0), atan2(-0.0, -0.0), fmod(1.0, 0.0), hypot(INFINITY, NAN), log(0.0));
    return 0;
}

/* ---- snprintf_double: decimal conversion of doubles at every precision ---- */
static int t_snprintf_double(int argc, char **argv)
{
    (void)argc; (void)argv;
    double v[] = {1.0 / 3.0, 2.0 / 3.0, 0.1, 123456.789e10, 5e-324, 1.7976931348623157e308, 0.5, 1.5, 2.5, 9.995, -0.000123456789};
    char buf[64];
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        printf("%a:", v[i]);
        for (int p = 0; p <= 20; p += 4) {
            snprintf(buf, sizeof buf, "%.*g", p, v[i]);
            printf(" [%s]", buf);
        }
        snprintf(buf, 12, "%.30f", v[i]);
        printf(" trunc [%s]", buf);
        snprintf(buf, sizeof buf, "%.17e", v[i]);
        double back = strtod(buf, NULL);
        printf(" roundtrip %d\n", back == v[i]);
    }
    return 0;
}

/* ---- varargs_ppc: long long in aligned register pairs, doubles in f1-f8, overflow to the
 * stack, for fixed and variadic arguments ---- */
__attribute__((noinline)) static long long fixed_mix(int a, long long b, int c, long long d, double e, int f, long long g,
                                                     float h, long long i, double j, double k, double l, double m,
                                                     double n, double o, double p, double q, int r, long long s)
{
    return a + b + c + d + (long long)(e * 1000) + f + g + (long long)(h * 1000) + i + (long long)((j + k + l + m + n + o + p + q) * 1000) + r + s;
}
static double var_mix(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int i = 0; i < n; i++) {
        int kind = va_arg(ap, int);
        if (kind == 0) s += va_arg(ap, int);
        else if (kind == 1) s += (double)va_arg(ap, long long) * 0.5;
        else s += va_arg(ap, double) * 0.25;
    }
    va_end(ap);
    return s;
}
static int t_varargs_ppc(int argc, char **argv)
{
    (void)argc; (void)argv;
    printf("fixed %lld\n", fixed_mix(1, 0x100000000LL, 2, -3LL, 0.5, 4, 5LL, 0.25f, 6LL, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0,
                                     8.0, 7, 0x7000000000LL));
    printf("var %.17g\n", var_mix(12, 0, 1, 1, 0x123456789LL, 2, 1.5, 0, -7, 1, -1LL, 2, 2.5, 2, 3.5, 2, 4.5, 2, 5.5, 2,
                                  6.5, 2, 7.5, 1, 1LL << 40));
    printf("var %.17g\n", var_mix(10, 2, 1.0, 2, 2.0, 2, 3.0, 2, 4.0, 2, 5.0, 2, 6.0, 2, 7.0, 2, 8.0, 2, 9.0, 2, 10.0));
    char buf[128];
    snprintf(buf, sizeof buf, "%d %lld %g %d %lld %g %s %c %.3f %llx", 1, 2LL, 3.0, 4, 5LL, 6.5, "seven", '8', 9.0,
             0xaLL);
    printf("[%s]\n", buf);
    return 0;
}

static const struct { const char *name; int (*fn)(int, char **); } tests[] = {
    {"hello", t_hello}, {"printf_int", t_printf_int}, {"printf_double", t_printf_double}, {"int64", t_int64},
    {"strings", t_strings}, {"snprintf", t_snprintf}, {"qsort", t_qsort}, {"switch", t_switch},
    {"varargs", t_varargs}, {"setjmp", t_setjmp}, {"malloc", t_malloc}, {"fileio", t_fileio}, {"libm", t_libm},
    {"env", t_env}, {"stderr", t_stderr}, {"exitcode", t_exitcode}, {"abort", t_abort}, {"sieve", t_sieve},
    {"hashmap", t_hashmap}, {"recursion", t_recursion}, {"bits", t_bits}, {"divconst", t_divconst},
    {"floatloop", t_floatloop}, {"fconv", t_fconv}, {"fma", t_fma}, {"endian", t_endian}, {"fenv", t_fenv},
    {"libm_ppc", t_libm_ppc}, {"snprintf_double", t_snprintf_double}, {"varargs_ppc", t_varargs_ppc},
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: ctest TEST [ARGS...]; tests:");
        for (size_t i = 0; i < sizeof tests / sizeof *tests; i++) fprintf(stderr, " %s", tests[i].name);
        fprintf(stderr, "\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof tests / sizeof *tests; i++)
        if (!strcmp(argv[1], tests[i].name)) return tests[i].fn(argc, argv);
    fprintf(stderr, "ctest: unknown test %s\n", argv[1]);
    return 2;
}
