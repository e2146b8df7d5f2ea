using Science.Medida.Regression;

namespace Science.Medida.Tests.Regression;

/// <summary>Construction, validation and helpers of <see cref="DesignMatrix"/> and <see cref="RegressionProblem"/>.</summary>
public sealed class DesignMatrixTests
{
    private static DesignMatrix Small() => new([("a", [1.0, 2, 3, 4]), ("b", [0.5, -1, 0, 2]), ("c", [3.0, 3, 3, 3])]);

    [Fact]
    public void ValidationNamesTheOffendingLabel()
    {
        var dup = Assert.Throws<ArgumentException>(() => new DesignMatrix([("psi1", [1.0]), ("psi1", [2.0])]));
        Assert.Contains("'psi1'", dup.Message);
        var len = Assert.Throws<ArgumentException>(() => new DesignMatrix([("psi1", [1.0, 2]), ("J1", [2.0])]));
        Assert.Contains("'J1'", len.Message);
        var nan = Assert.Throws<ArgumentException>(() => new DesignMatrix([("psi1", [1.0, 2]), ("lap_psi2", [2.0, double.NaN])]));
        Assert.Contains("'lap_psi2'", nan.Message);
        Assert.Contains("row 1", nan.Message);
        var inf = Assert.Throws<ArgumentException>(() => new DesignMatrix([("y", [double.PositiveInfinity])]));
        Assert.Contains("'y'", inf.Message);
        Assert.Throws<ArgumentException>(() => new DesignMatrix([("", [1.0])]));
        Assert.Throws<ArgumentException>(() => new DesignMatrix(Array.Empty<(string, double[])>()));
        Assert.Throws<ArgumentException>(() => new DesignMatrix(["a", "b"], [[1.0]]));
    }

    [Fact]
    public void GramAndTransposeTimesMatchNaiveSums()
    {
        var cols = SyntheticData.GaussianColumns(3001, 5, 11); // not a multiple of the 1024-row block
        var phi = new DesignMatrix(SyntheticData.Labels(5), cols);
        var y = cols[2].Select((v, i) => v * 0.3 + Math.Sin(i)).ToArray();
        var g = phi.Gram();
        var xty = phi.TransposeTimes(y);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(SyntheticData.Dot(cols[i], y), xty[i], 1e-10);
            for (int j = 0; j < 5; j++) Assert.Equal(SyntheticData.Dot(cols[i], cols[j]), g[i, j], 1e-10);
        }
        var problem = new RegressionProblem(phi, y);
        var pg = problem.GetGram();
        var pb = problem.GetDesignTransposeTarget();
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(xty[i], pb[i], 1e-10);
            for (int j = 0; j < 5; j++) Assert.Equal(g[i, j], pg[i, j], 1e-10);
        }
        Assert.Equal(SyntheticData.Dot(y, y), problem.TargetSumOfSquares, 1e-9);
    }

    /// <summary>The QR-form residual equals the direct ‖t − Φm‖² for arbitrary m, and ρ² is the full least-squares residual.</summary>
    [Fact]
    public void QrResidualMatchesDirectResidual()
    {
        var cols = SyntheticData.GaussianColumns(2000, 4, 12);
        var t = SyntheticData.Target(cols, new Dictionary<int, double> { [1] = 2, [3] = -1 }, 0.1, 13);
        var problem = new RegressionProblem(new DesignMatrix(SyntheticData.Labels(4), cols), t);
        foreach (var m in new[] { new[] { 0.0, 0, 0, 0 }, [0.3, 2, -5, -1], [0, 2.01, 0, -0.99] })
        {
            double direct = SyntheticData.ResidualSumOfSquaresAccurate(cols, t, m);
            Assert.Equal(direct, problem.ResidualSumOfSquares(m), 1e-10 * direct);
        }
        var ls = SyntheticData.LeastSquares(cols, t, 0, 1, 2, 3);
        Assert.Equal(SyntheticData.ResidualSumOfSquaresAccurate(cols, t, ls), problem.LeastSquaresResidual, 1e-9 * problem.LeastSquaresResidual);
    }

    [Fact]
    public void SelectStatisticsAndRms()
    {
        var phi = Small();
        var sel = phi.Select(["c", "a"]);
        Assert.Equal(["c", "a"], sel.Labels);
        Assert.Equal(4.0, sel[3, 1]);
        Assert.Equal(phi.Column("a").ToArray(), sel.Column("a").ToArray());
        var unknown = Assert.Throws<ArgumentException>(() => phi.Select(["a", "J9"]));
        Assert.Contains("'J9'", unknown.Message);

        var stats = phi.Statistics();
        Assert.Equal(2.5, stats.Means[0]);
        Assert.Equal(Math.Sqrt(1.25), stats.StandardDeviations[0], 1e-15); // population std, ddof = 0
        Assert.Equal(0.0, stats.StandardDeviations[2]);

        double sumSq = 1 + 4 + 9 + 16 + 0.25 + 1 + 0 + 4 + 4 * 9;
        Assert.Equal(Math.Sqrt(sumSq / 12), phi.RootMeanSquare(), 1e-15);
        Assert.Equal(phi.RootMeanSquare(), new RegressionProblem(phi, [1.0, 0, 0, 0]).DesignRms, 1e-15);
        Assert.Equal(-1, phi.IndexOf("zz"));
        Assert.Equal([1 * 2 + 0.5, 2 * 2 - 1, 3 * 2 + 0, 4 * 2 + 2], phi.Times([2.0, 1, 0]));
    }

    [Fact]
    public void BuilderStacksBlocksOfRows()
    {
        var builder = new DesignMatrixBuilder(["a", "b"]);
        builder.AppendBlock([new[] { 1.0, 2 }, [3.0, 4]]);
        builder.AppendBlock(new Dictionary<string, double[]> { ["b"] = [5.0], ["a"] = [6.0] });
        var m = builder.Build();
        Assert.Equal(3, m.Rows);
        Assert.Equal([1.0, 2, 6], m.Column("a").ToArray());
        Assert.Equal([3.0, 4, 5], m.Column("b").ToArray());

        var stacked = DesignMatrix.Stack([m, m]);
        Assert.Equal(6, stacked.Rows);
        Assert.Equal([3.0, 4, 5, 3, 4, 5], stacked.Column("b").ToArray());

        var missing = Assert.Throws<ArgumentException>(() => builder.AppendBlock(new Dictionary<string, double[]> { ["a"] = [1.0] }));
        Assert.Contains("'b'", missing.Message);
        var bad = Assert.Throws<ArgumentException>(() => builder.AppendBlock([new[] { 1.0 }, [double.NaN]]));
        Assert.Contains("'b'", bad.Message);
        Assert.Contains("row 3", bad.Message); // rows are numbered in the stacked matrix
        Assert.Throws<ArgumentException>(() => DesignMatrix.Stack([m, Small()]));
        Assert.Throws<InvalidOperationException>(() => new DesignMatrixBuilder(["a"]).Build());
        Assert.Throws<ArgumentException>(() => new DesignMatrixBuilder(["a", "a"]));
    }

    [Fact]
    public void ProblemRejectsBadTargets()
    {
        var phi = Small();
        Assert.Throws<ArgumentException>(() => new RegressionProblem(phi, [1.0, 2]));
        var nan = Assert.Throws<ArgumentException>(() => new RegressionProblem(phi, [1.0, 2, double.NaN, 4]));
        Assert.Contains("row 2", nan.Message);
    }

    [Fact]
    public void FitPredictsByLabelAndScores()
    {
        var (phi, t, _) = SyntheticData.F1();
        var fit = new RelevanceVectorMachine(1e5).Fit(phi, t);
        var reordered = phi.Select(phi.Labels.Reverse());
        Assert.Equal(fit.Predict(phi), fit.Predict(reordered));
        var score = fit.Score(phi, t);
        Assert.Equal(fit.TrainingScore.Mse, score.Mse, 1e-9 * score.Mse);
        Assert.Throws<ArgumentException>(() => fit.Predict(phi.Select(["phi0", "phi1"])));
        Assert.Throws<ArgumentException>(() => _ = fit["nope"]);
    }
}
