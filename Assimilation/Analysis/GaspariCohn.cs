namespace Science.Assimilation.Analysis;

/// <summary>
/// The Gaspari–Cohn (1999, eq. 4.10) fifth-order compactly supported taper with half-width c: 1 at distance 0,
/// ≈ 0.208 at c, 0 from 2c on. DAPPER's <c>dist2coeff(·, loc_rad, 'GC')</c> uses c = 1.82·loc_rad.
/// </summary>
public static class GaspariCohn
{
    /// <summary>The taper at distance <paramref name="distance"/> ≥ 0 for half-width <paramref name="halfWidth"/> &gt; 0 (same units).</summary>
    public static double Taper(double distance, double halfWidth)
    {
        double r = Math.Abs(distance) / halfWidth;
        if (r >= 2) return 0;
        double r2 = r * r, r3 = r2 * r;
        if (r <= 1) return 1 + r2 * (-r3 / 4 + r2 / 2) + r3 * (5.0 / 8) - r2 * (5.0 / 3);
        return r2 * (r3 / 12 - r2 / 2) + r3 * (5.0 / 8) + r2 * (5.0 / 3) - r * 5 + 4 - (2.0 / 3) / r;
    }

    /// <summary>DAPPER's loc_rad → the half-width c = 1.82·loc_rad.</summary>
    public static double HalfWidthFromDapperRadius(double locRad) => 1.82 * locRad;
}
