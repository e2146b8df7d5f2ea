using Science.Assimilation.Experiments;

namespace Science.Assimilation.Tests;

/// <summary>The pieces the QG twin added to the experiment: an irregular chronology and a climatological X0.</summary>
public sealed class ExperimentPiecesTests
{
    [Fact]
    public void AScheduleGivesTheStepsAndTimesOfEveryAnalysis()
    {
        var c = new Chronology(0.025, 10, 4, 1) { Schedule = [10, 1, 9, 1] };
        Assert.Equal([10, 1, 9, 1], Enumerable.Range(0, 4).Select(c.StepsBefore));
        Assert.Equal([10L, 11, 20, 21], Enumerable.Range(0, 4).Select(c.AnalysisStep));
        Assert.Equal(21 * 0.025, c.AnalysisTime(3));
        // A regular chronology is unchanged by the new members.
        var r = new Chronology(0.05, 2, 3, 0);
        Assert.Equal(4L, r.AnalysisStep(1));
        Assert.Equal((1 + 1) * 2.0 * 0.05, r.AnalysisTime(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Chronology(0.025, 10, 4, 1) { Schedule = [10, 1, 9] });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Chronology(0.025, 10, 4, 1) { Schedule = [10, 0, 9, 1] });
    }

    [Fact]
    public void AClimatologicalX0HasTheAnomaliesCovariance()
    {
        // Two anomaly fields a1 = (1, −1, 0), a2 = (0, 1, −1) (k = 2): B = (a1 a1ᵀ + a2 a2ᵀ)/(k − 1).
        var x0 = new InitialDistribution([5.0, 6.0, 7.0], 0.5) { Anomalies = [1, -1, 0, 0, 1, -1] };
        const int draws = 40_000;
        var e = new double[draws * 3];
        x0.Draw(11, draws, e);
        double[] mean = [.. Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, draws).Average(i => e[i * 3 + j]))];
        double Cov(int a, int b) => Enumerable.Range(0, draws).Sum(i => (e[i * 3 + a] - mean[a]) * (e[i * 3 + b] - mean[b])) / (draws - 1);
        double[,] expected = { { 1, -1, 0 }, { -1, 2, -1 }, { 0, -1, 1 } };
        for (int a = 0; a < 3; a++)
        {
            Assert.Equal(x0.Mean[a], mean[a], 0.02);
            for (int b = 0; b < 3; b++) Assert.Equal(0.25 * expected[a, b], Cov(a, b), 0.01);
        }
        // Every draw lies in x0 + span(a1, a2): the components sum to 18.
        for (int i = 0; i < 100; i++) Assert.Equal(18, e[i * 3] + e[i * 3 + 1] + e[i * 3 + 2], 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => new InitialDistribution([1.0, 2.0], 1) { Anomalies = [1, 2, 3] });
    }
}
