# SciPy's documented mannwhitneyu (scipy/stats/_mannwhitneyu.py), two-sided, method="auto", use_continuity=True,
# in exact rational arithmetic (exact branch: brute-force enumeration) and mpmath at 50 digits (asymptotic branch).
from fractions import Fraction
from itertools import combinations
import mpmath as mp
mp.mp.dps = 50

def ranks(pooled):
    s = sorted(pooled); r = {}
    i = 0; ties = []
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j+1] == s[i]: j += 1
        r[s[i]] = Fraction(i + j + 2, 2)
        if j > i: ties.append(j - i + 1)
        i = j + 1
    return r, ties

def mwu(x, y):
    n1, n2 = len(x), len(y)
    r, ties = ranks(x + y)
    R1 = sum(r[v] for v in x)
    U1 = R1 - Fraction(n1 * (n1 + 1), 2)
    U2 = n1 * n2 - U1
    U = max(U1, U2)
    method = "asymptotic" if (n1 > 8 and n2 > 8) or ties else "exact"
    if method == "exact":
        N = n1 + n2; m = min(n1, n2); k = max(n1, n2)
        # U of the smaller group over every placement of its ranks 1..N: count those >= U (by symmetry of the null).
        total = 0; ge = 0
        for c in combinations(range(1, N + 1), m):
            u = sum(c) - m * (m + 1) // 2
            total += 1
            if u >= U: ge += 1
        p = min(Fraction(1), 2 * Fraction(ge, total))
        return U1, method, p, mp.mpf(p.numerator) / p.denominator
    mu = Fraction(n1 * n2, 2); N = n1 + n2
    tie = sum(t**3 - t for t in ties)
    var = Fraction(n1 * n2, 12) * ((N + 1) - Fraction(tie, N * (N - 1)))
    z = (mp.mpf((U - mu - Fraction(1, 2)).numerator) / (U - mu - Fraction(1,2)).denominator) / mp.sqrt(mp.mpf(var.numerator) / var.denominator)
    p = 2 * mp.ncdf(-z)
    return U1, method, var, min(p, 1)

import sys
cases = {
 "exact 8 v 12 no ties": ([1.5, 4.0, 6.5, 9.0, 13.0, 15.5, 20.0, 26.0], [2.0, 3.0, 5.0, 7.0, 8.0, 10.0, 11.0, 12.0, 14.0, 16.0, 17.0, 18.0]),
 "3 v 3": ([1.1, 2.2, 3.3], [4.4, 5.5, 6.6]),
 "7 v 8": ([12.5, 3.1, 8.0, 15.2, 9.9, 20.4, 7.3], [4.2, 2.0, 6.6, 1.5, 11.0, 5.4, 0.9, 3.8]),
 "months A v B": ([6, 12, 12, 18, 24, 24, 24, 30, 36, 6, 12, 48], [6, 6, 12, 12, 12, 18, 6, 24, 3, 12, 6, 9, 18, 12]),
 "tiny ties": ([5, 5, 5, 7], [5, 5, 9, 9, 9]),
 "12 v 10 no ties": ([20.01, 21.79, 18.36, 14.66, 17.27, 14.05, 20.36, 28.04, 17.05, 16.28, 22.94, 22.14], [15.63, 9.42, 14.82, 19.17, 6.93, 12.25, 3.59, 7.26, 3.95, 13.59]),
 "49 v 49": ([3*i for i in range(49)], [3*j+10 for j in range(49)]),
 "55 v 60": ([3*i for i in range(55)], [3*j+10 for j in range(60)]),
}
for name, (x, y) in cases.items():
    if name == "exact 8 v 12 no ties" or len(x) + len(y) <= 20 or name.startswith("months") or name.startswith("tiny") or name.startswith("12") or name.startswith("49") or name.startswith("55"):
        res = mwu(x, y)
        print(name, "U1=", res[0], res[1], res[2], mp.nstr(res[3], 20))

# The API's constructed case (src/modules/analysis/sentencing.test.ts): citizens, then foreign nationals.
citizens = [0, 8, 10, 12, 12, 14, 18, 24, 30, 36]
foreign = [3, 4, 6, 6, 8, 9, 10, 12, 15, 18, 20]
res = mwu(citizens, foreign)
print("API case U1=", res[0], res[1], "sigma^2=", res[2], "p=", mp.nstr(res[3], 20))
# numpy.quantile, method "linear" (R type 7), by hand
def q(v, p):
    v = sorted(v); h = (len(v) - 1) * p; lo = int(h)
    return v[lo] + (h - lo) * (v[min(lo + 1, len(v) - 1)] - v[lo])
print([q(citizens, p) for p in (0.25, 0.5, 0.75)], [q(foreign, p) for p in (0.25, 0.5, 0.75)])
