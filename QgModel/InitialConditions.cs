namespace Science.QgModel;

/// <summary>Deterministic initial streamfunctions for spin-ups.</summary>
public static class InitialConditions
{
    /// <summary>The oracle's modes (k, l, amplitude, phase) of layer 1 (oracle README, "Initial condition").</summary>
    public static IReadOnlyList<(int K, int L, double A, double Phi)> Layer1Modes { get; } =
        [(1, 1, 0.10, 0.3), (2, -3, 0.08, 1.1), (3, 2, 0.06, 2.0), (5, -1, 0.05, 4.2), (4, 5, 0.04, 5.5), (7, -6, 0.03, 0.9)];

    /// <summary>The oracle's modes of layer 2.</summary>
    public static IReadOnlyList<(int K, int L, double A, double Phi)> Layer2Modes { get; } =
        [(1, -2, 0.09, 1.7), (2, 1, 0.07, 3.3), (3, -4, 0.05, 0.4), (6, 3, 0.04, 2.8), (4, -5, 0.03, 5.0), (8, 7, 0.02, 1.3)];

    /// <summary>
    /// ψ_L[j, i] = Σ_n a_n cos(2π(k_n i/Nx + l_n j/Ny) + φ_n), summed in table order, as <c>[layer, y, x]</c>.
    /// Seed 0 uses the oracle's phases exactly (bitwise the oracle's <c>/ic</c> on the default grid); any other seed
    /// draws the twelve phases uniformly in [0, 2π) from <see cref="Random"/>(seed), keeping wavenumbers and amplitudes.
    /// </summary>
    public static QgState Analytic(Grid grid, int seed = 0)
    {
        var rng = seed == 0 ? null : new Random(seed);
        var psi = new double[2 * grid.RealSize];
        var layers = new[] { Layer1Modes, Layer2Modes };
        for (int layer = 0; layer < 2; layer++)
        {
            var field = psi.AsSpan(layer * grid.RealSize, grid.RealSize);
            foreach (var (k, l, a, phi0) in layers[layer])
            {
                double phi = rng is null ? phi0 : 2 * Math.PI * rng.NextDouble();
                for (int j = 0; j < grid.Ny; j++)
                    for (int i = 0; i < grid.Nx; i++)
                        field[j * grid.Nx + i] += a * Math.Cos(2 * Math.PI * ((double)(k * i) / grid.Nx + (double)(l * j) / grid.Ny) + phi);
            }
        }
        return new QgState(grid, psi, null);
    }
}
