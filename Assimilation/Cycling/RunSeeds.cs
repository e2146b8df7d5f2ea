using Science.Numerics;

namespace Science.Assimilation.Cycling;

/// <summary>The independent random streams of one run, all derived from the run seed with <see cref="SeedSequence"/>.</summary>
public static class RunSeeds
{
    /// <summary>The truth's initial draw from X0.</summary>
    public static int Truth(int seed) => SeedSequence.Derive(seed, 1);
    /// <summary>The base of the per-cycle observation noise (cycle k uses Derive(base, k)).</summary>
    public static int Observations(int seed) => SeedSequence.Derive(seed, 2);
    /// <summary>The N initial ensemble draws from X0.</summary>
    public static int Ensemble(int seed) => SeedSequence.Derive(seed, 3);
    /// <summary>The analysis draws of cycle <paramref name="cycle"/> (perturbed observations).</summary>
    public static int Analysis(int seed, int cycle) => SeedSequence.Derive(seed, 4, cycle);
    /// <summary>The random rotation of cycle <paramref name="cycle"/>.</summary>
    public static int Rotation(int seed, int cycle) => SeedSequence.Derive(seed, 5, cycle);
}
