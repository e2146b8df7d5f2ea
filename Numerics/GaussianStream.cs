using System.Runtime.CompilerServices;

namespace Science.Numerics;

/// <summary>
/// Allocation-free i.i.d. N(0, σ²) draws from an explicit seed: a SplitMix64 generator (a value type, no heap state)
/// with the Box–Muller transform. For the per-cycle draws of data assimilation (observation noise, perturbed
/// observations, random rotations), where <see cref="SeedSequence.Gaussian"/> would allocate a <see cref="Random"/>
/// each time. Derive the seed of each cycle or member with <see cref="SeedSequence.Derive"/>.
/// </summary>
public static class GaussianStream
{
    /// <summary>Fills <paramref name="destination"/> with N(0, <paramref name="sigma"/>²) draws from <paramref name="seed"/>; same seed → same values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(int seed, double sigma, Span<double> destination)
    {
        ulong state = 0x9E3779B97F4A7C15UL * ((ulong)(uint)seed + 1);
        for (int i = 0; i < destination.Length; i += 2)
        {
            double u1 = 1.0 - Uniform(ref state), u2 = Uniform(ref state);
            double r = Math.Sqrt(-2 * Math.Log(u1));
            var (s, c) = Math.SinCos(2 * Math.PI * u2);
            destination[i] = sigma * r * c;
            if (i + 1 < destination.Length) destination[i + 1] = sigma * r * s;
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits (SplitMix64 step).</summary>
    private static double Uniform(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
