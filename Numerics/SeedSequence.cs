namespace Science.Numerics;

/// <summary>
/// Derives independent, reproducible seeds from a user seed and integer keys (snapshot, time, layer) with the
/// SplitMix64 mixer, so draws do not depend on the order or thread in which they are made.
/// </summary>
public static class SeedSequence
{
    /// <summary>A 31-bit seed for <see cref="Random"/> from the user seed and keys.</summary>
    public static int Derive(int seed, params ReadOnlySpan<int> keys)
    {
        ulong state = Mix((ulong)(uint)seed + 0x9E3779B97F4A7C15UL);
        foreach (int k in keys) state = Mix(state ^ ((ulong)(uint)k + 0x632BE59BD9B4E019UL));
        return (int)(state >> 33);
    }

    /// <summary>Fills <paramref name="destination"/> with i.i.d. N(0, σ²) draws (Box–Muller on <see cref="Random"/>(seed)).</summary>
    public static void Gaussian(int seed, double sigma, Span<double> destination)
    {
        var rng = new Random(seed);
        for (int i = 0; i < destination.Length; i += 2)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double r = Math.Sqrt(-2 * Math.Log(u1));
            var (s, c) = Math.SinCos(2 * Math.PI * u2);
            destination[i] = sigma * r * c;
            if (i + 1 < destination.Length) destination[i + 1] = sigma * r * s;
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
