namespace Science.Visualization.Tests;

/// <summary>Small synthetic inputs shaped like the model's diagnostics.</summary>
internal static class Samples
{
    public static double[] Range(int n, double start, double step) =>
        Enumerable.Range(0, n).Select(i => start + i * step).ToArray();

    public static double[] Time => Range(200, 0, 0.5);

    public static (string Name, double[] Values)[] Energies =>
    [
        ("KE layer 1", Time.Select(t => 1e-3 * Math.Exp(0.05 * t) / (1 + 1e-3 * Math.Exp(0.05 * t))).ToArray()),
        ("KE layer 2", Time.Select(t => 5e-4 * Math.Exp(0.05 * t) / (1 + 1e-3 * Math.Exp(0.05 * t))).ToArray()),
    ];

    /// <summary>A 48 x 32 grid (x, y) and two fields, one signed (streamfunction-like) and one non-negative.</summary>
    public static (double[] X, double[] Y, (string Name, double[] Field)[] Fields) Grid()
    {
        double[] x = Range(48, 0, 2 * Math.PI / 48);
        double[] y = Range(32, 0, Math.PI / 32);
        var psi = new double[x.Length * y.Length];
        var enstrophy = new double[x.Length * y.Length];
        for (int j = 0; j < y.Length; j++)
        {
            for (int i = 0; i < x.Length; i++)
            {
                psi[j * x.Length + i] = Math.Sin(2 * x[i]) * Math.Sin(3 * y[j]) + 0.3 * Math.Cos(y[j]);
                enstrophy[j * x.Length + i] = Math.Pow(Math.Cos(x[i]) * Math.Sin(y[j]), 2);
            }
        }

        return (x, y, [("psi layer 1", psi), ("enstrophy layer 1", enstrophy), ("psi layer 2", psi.Select(v => -0.5 * v).ToArray())]);
    }

    public static LCurvePanel[] LCurvePanels()
    {
        double[] threshold = Enumerable.Range(0, 12).Select(i => Math.Pow(10, -6 + 0.5 * i)).ToArray();
        int[] terms1 = [20, 18, 15, 11, 8, 6, 5, 5, 4, 3, 1, 0];
        int[] terms2 = [19, 17, 14, 10, 7, 6, 6, 5, 3, 2, 1, 0];
        double[] Nmse(int[] terms) => terms.Select((t, i) => 1e-6 * Math.Pow(10, 0.2 * i) + (t < 5 ? 0.1 * (5 - t) : 0)).ToArray();
        return
        [
            new LCurvePanel("layer 1", threshold, Nmse(terms1), terms1, 6),
            new LCurvePanel("layer 2", threshold, Nmse(terms2), terms2, 7),
        ];
    }

    public static CoefficientPanel[] CoefficientPanels()
    {
        string[] labels = ["q", "psi", "lap psi", "J(psi, q)", "beta v", "F (psi2 - psi1)"];
        return
        [
            new CoefficientPanel("layer 1", labels, [0.01, -1.02, 0.0, -0.98, -1.1, 24.8], [0.001, 0.02, 0.0, 0.03, 0.05, 0.4], [0, -1, 0, -1, -1.0, 25]),
            new CoefficientPanel("layer 2", labels, [0.0, -0.97, 0.002, -1.01, -0.9, -25.3], null, [0, -1, 0, -1, -1.0, -25]),
        ];
    }
}
