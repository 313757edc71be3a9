"""Reference conditional VaR/ES of a shocked basket on the exact P&L (methods.md §9, issue 21 item 8).

Writes conditional_shock.json next to this script. For each case: a normal model N(h mu, h Sigma)
of the assets, some of them shocked to log returns x_s = ln(1 + s); the others follow the
conditional law (Anderson thm 2.5.1, solved here with numpy.linalg.solve):

    m_o = h mu_o + S_os S_ss^-1 (x_s - h mu_s),   C_o = S_oo - S_os S_ss^-1 S_so   (S = h Sigma)

The collateral's returns relative to the debt asset (when it is a column) are rho_i = r_i - r_D,
and the loss is the exact L = -sum_i C_i (exp(rho_i) - 1). VaR and ES at the confidence are taken
from 40 million draws of that law (NumPy's PCG64, fixed seed, in chunks): VaR the empirical
quantile, ES the mean of the losses at or above it; their Monte Carlo standard errors are
estimated from 40 batches of one million. The closed form with the loss linearised at the
conditional mean (the figure TailRisk printed before) is written beside them.

Run: python3 make_conditional_shock_fixture.py (needs NumPy and SciPy; about a minute).
"""
import json
import os

import numpy as np
from scipy.stats import norm

HERE = os.path.dirname(os.path.abspath(__file__))

SD = np.array([0.04, 0.05, 0.01])
CORR = np.array([[1, 0.7, 0.2], [0.7, 1, -0.1], [0.2, -0.1, 1]])
SIGMA = CORR * np.outer(SD, SD)
MU = [0.001, -0.002, 0.0005]

CASES = [
    # A, B collateral; D the debt asset (a column): every collateral return is random through D.
    {"name": "debt-column", "assets": ["A", "B", "D"], "collateral": 2, "debt_index": 2,
     "values": [100.0, 50.0], "shock": {"A": -0.30}, "horizon": 10, "confidence": 0.99},
    # A, B, C collateral, debt in the price currency: the shocked A is fixed, its rho has no variance.
    {"name": "currency-debt", "assets": ["A", "B", "C"], "collateral": 3, "debt_index": None,
     "values": [100.0, 80.0, 60.0], "shock": {"A": -0.25}, "horizon": 5, "confidence": 0.975},
]

DRAWS = 40_000_000
BATCH = 1_000_000


def conditional(case):
    h = case["horizon"]
    s = h * SIGMA
    m = h * np.array(MU)
    names = case["assets"]
    shocked = [names.index(a) for a in case["shock"]]
    others = [i for i in range(len(names)) if i not in shocked]
    x = np.log1p(np.array(list(case["shock"].values())))
    beta = np.linalg.solve(s[np.ix_(shocked, shocked)], s[np.ix_(shocked, others)]).T
    mo = m[others] + beta @ (x - m[shocked])
    co = s[np.ix_(others, others)] - beta @ s[np.ix_(shocked, others)]
    return shocked, others, x, mo, co


def main():
    rng = np.random.Generator(np.random.PCG64(20261207))
    out = {"mu": MU, "sigma": SIGMA.tolist(), "draws": DRAWS, "cases": []}
    for case in CASES:
        shocked, others, x, mo, co = conditional(case)
        n, d = case["collateral"], len(case["assets"])
        values = np.array(case["values"])
        mean_r = np.zeros(d)
        mean_r[shocked] = x
        mean_r[others] = mo
        debt = case["debt_index"]
        rho_mean = mean_r[:n] - (mean_r[debt] if debt is not None else 0.0)
        loss0 = -(values * np.expm1(rho_mean)).sum()
        # Linearised closed form: g_i = C_i e^{m_rho,i}, Cov[rho] = A C_o A^T.
        a = np.zeros((n, len(others)))
        for i in range(n):
            for k, o in enumerate(others):
                a[i, k] = (o == i) - (o == debt)
        cov_rho = a @ co @ a.T
        g = values * np.exp(rho_mean)
        sd_l = np.sqrt(g @ cov_rho @ g)
        c = case["confidence"]
        z = norm.ppf(c)
        lin_var, lin_es = loss0 + z * sd_l, loss0 + sd_l * norm.pdf(z) / (1 - c)
        # Exact law by Monte Carlo.
        chol = np.linalg.cholesky(co)
        vars_, ess = [], []
        for _ in range(DRAWS // BATCH):
            r = np.tile(mean_r, (BATCH, 1))
            r[:, others] = mo + rng.standard_normal((BATCH, len(others))) @ chol.T
            rho = r[:, :n] - (r[:, [debt]] if debt is not None else 0.0)
            loss = -(np.expm1(rho) * values).sum(axis=1)
            q = np.quantile(loss, c)
            vars_.append(q)
            ess.append(loss[loss >= q].mean())
        vars_, ess = np.array(vars_), np.array(ess)
        out["cases"].append({
            **case, "loss": loss0, "var": vars_.mean(), "es": ess.mean(),
            "var_standard_error": vars_.std(ddof=1) / np.sqrt(len(vars_)),
            "es_standard_error": ess.std(ddof=1) / np.sqrt(len(ess)),
            "linearised_var": lin_var, "linearised_es": lin_es,
        })
    with open(os.path.join(HERE, "conditional_shock.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
