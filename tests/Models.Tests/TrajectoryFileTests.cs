using Science.Models.IO;
using Science.Models.Ks;
using Science.Models.Lorenz;
using Science.Numerics.IO;

namespace Science.Models.Tests;

/// <summary>Model trajectory files: bit-exact round trip, parameters as attributes, one-line errors.</summary>
public sealed class TrajectoryFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "models-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Lorenz96RoundTripIsBitExact()
    {
        string path = Path.Combine(_dir, "sub", "l96.h5");
        using var model = new Lorenz96(n: 40, forcing: 8, dt: 0.05);
        model.SetState(LorenzTests.OnAttractor(new Lorenz96(), 100, 3));
        var states = new List<double[]>();
        var times = new List<double>();
        var scratch = new double[40];
        using (var w = new ModelTrajectoryWriter(path, model, 5, new Dictionary<string, string> { ["seed"] = "3" }))
        {
            for (int k = 0; k < 5; k++)
            {
                w.Add(model, scratch);
                states.Add((double[])scratch.Clone());
                times.Add(model.Time);
                model.Advance(3);
            }
            w.Complete();
        }
        Assert.False(File.Exists(path + ".tmp"));
        var t = ModelTrajectoryFile.Read(path, expectedModel: "lorenz96");
        Assert.Equal(5, t.Count);
        Assert.Equal(40, t.StateSize);
        Assert.True(t.IsComplete);
        for (int k = 0; k < 5; k++)
        {
            Assert.True(t.State(k).SequenceEqual(states[k]));
            Assert.Equal(3L * k, t.Steps[k]);
            Assert.Equal(BitConverter.DoubleToInt64Bits(times[k]), BitConverter.DoubleToInt64Bits(t.Times[k]));
        }
        Assert.Equal(40, t.Parameters["n"]);
        Assert.Equal(8, t.Parameters["forcing"]);
        Assert.Equal(0.05, t.Parameters["dt"]);
        Assert.Equal("3", t.Strings["seed"]);
    }

    [Fact]
    public void KsParametersAreStoredAndAnIncompleteRunIsMarked()
    {
        string path = Path.Combine(_dir, "ks.h5");
        var p = KsParameters.Dapper with { Stepper = KsStepperKind.Cnab2, TimeStep = 0.05, ExtraTerm = KsExtraTerm.Uxxx, Lambda3 = 0.5 };
        using var model = new KuramotoSivashinsky(p);
        model.SetState(KuramotoSivashinsky.InitialCondition(p));
        var u = new double[p.N];
        using (var w = new ModelTrajectoryWriter(path, model, 10))
        {
            w.Add(model, u);
            model.Advance(2);
            w.Add(model, u);
        } // disposed after 2 of 10
        var t = ModelTrajectoryFile.Read(path);
        Assert.Equal("ks", t.Model);
        Assert.False(t.IsComplete);
        Assert.Equal(2, t.Count);
        Assert.True(t.State(1).SequenceEqual(u));
        Assert.Equal(0.1, t.Times[1], 1e-15);
        Assert.Equal(128, t.Parameters["n"]);
        Assert.Equal(0.5, t.Parameters["lambda3"]);
        Assert.Equal("cnab2", t.Strings["stepper"]);
        Assert.Equal("uxxx", t.Strings["extra_term"]);
    }

    [Fact]
    public void ReaderErrorsAreOneLine()
    {
        Directory.CreateDirectory(_dir);
        string missing = Path.Combine(_dir, "missing.h5");
        var e = Assert.Throws<DataFileException>(() => ModelTrajectoryFile.Read(missing));
        Assert.DoesNotContain('\n', e.Message);

        string path = Path.Combine(_dir, "l63.h5");
        using (var w = new ModelTrajectoryWriter(path, new Lorenz63(), 1)) w.Add([1.0, 2.0, 3.0], 0, 0);
        e = Assert.Throws<DataFileException>(() => ModelTrajectoryFile.Read(path, expectedModel: "ks"));
        Assert.Contains("'lorenz63'", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        string text = Path.Combine(_dir, "not.h5");
        File.WriteAllText(text, "not hdf5");
        e = Assert.Throws<DataFileException>(() => ModelTrajectoryFile.Read(text));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void WriterRejectsBadInput()
    {
        string path = Path.Combine(_dir, "x.h5");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ModelTrajectoryWriter(path, new Lorenz63(), 0));
        Assert.Equal("snapshotCount", e.ParamName);
        Assert.Throws<ArgumentException>(() => new ModelTrajectoryWriter(path, new Lorenz63(), 1, new Dictionary<string, string> { ["model"] = "x" }));
        using var w = new ModelTrajectoryWriter(path, new Lorenz63(), 1);
        Assert.Throws<ArgumentException>(() => w.Add(new double[4], 0, 0));
        w.Add(new double[3], 0, 0);
        Assert.Throws<InvalidOperationException>(() => w.Add(new double[3], 0, 0));
    }
}
