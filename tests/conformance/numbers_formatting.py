"""Number formatting in reports: rounding, padding, thousands, percentages, tables."""
rows = [("search", 0.123456, 1234), ("summarize", 2.5, 98765), ("translate", 10.05, 7)]
print(f"{'tool':<10}|{'seconds':>8}|{'tokens':>8}")
print("-" * 28)
for name, seconds, tokens in rows:
    print(f"{name:<10}|{seconds:>8.2f}|{tokens:>8,}")
total = sum(r[1] for r in rows)
print(f"{'total':<10}|{total:>8.3f}|{sum(r[2] for r in rows):>8,}")
for value in [0.5, 1.5, 2.5, 0.125, 0.375, 1e-10, 123456.789, -0.001]:
    print(value, round(value, 2), f"{value:.2f}", f"{value:.1e}", f"{value:g}", str(value))
ratios = [1 / 3, 2 / 3, 0.05, 0.995]
print([f"{r:.1%}" for r in ratios], [round(r * 100) for r in ratios])
print(f"{1234567.891:,.2f} {0.1:.20f} {2 ** 0.5:.15g} {1e22:,.0f} {-1234.5:+,.1f}")
print(int(2.5 + 0.5), int(-2.5), round(-1.5), round(1234.5678, 2), round(-0.0001, 2))
print(7 / 2, 7 // 2, 2 ** 0.5, 10 / 3 * 3, 1e-3 * 1e3, 0.1 * 0.1)
