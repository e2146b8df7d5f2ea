using Science.Numerics.IO;
using System.Text.RegularExpressions;
using Science.QgModel.IO;

namespace Science.Cli.Tests;

/// <summary><c>medida qg run</c> and <c>medida qg spinup</c>: outputs, the restart contract, trajectories, blow-ups.</summary>
[Collection(CliCollection.Name)]
public sealed partial class QgRunTests
{
    private static readonly Lazy<QgStateFileContent> SpunUp = new(() => QgStateFile.Read(Repo.SpunUp));

    [Fact]
    public void RunWritesStateSummaryAndProgress()
    {
        using var dir = new TempDir();
        string output = dir.File("OUT.h5");
        var start = SpunUp.Value.State;
        var r = Medida.Ok("qg", "run", "--init", Repo.SpunUp, "--steps", "20", "--output", output);

        using (var h5 = Hdf5Reader.Open(output))
        {
            Assert.Equal([2, 192, 96], h5.GetShape("/psi"));
            Assert.Equal([2, 192, 96], h5.GetShape("/q"));
            Assert.Equal("float64", h5.GetTypeName("/psi"));
            Assert.Equal("float64", h5.GetTypeName("/q"));
            Assert.Equal(start.Step + 20, h5.ReadInt64Attribute("/", "step"));
            Assert.Equal("science-qg-state", h5.ReadStringAttribute("/", "format"));
        }
        var content = QgStateFile.Read(output);
        Assert.Equal(20_000, start.Step);
        Assert.Equal(20_020, content.State.Step);
        double dt = content.Parameters!.Dt;
        Assert.Equal(start.Time + 20 * dt, content.State.Time, 9);
        Assert.True(content.HasQ);
        Bits.AssertFinite(content.State.Psi, "/psi of the output");
        Assert.False(Bits.Equal(start.Psi, content.State.Psi), "the run must have changed ψ");
        Assert.StartsWith("medida qg run --init", content.Provenance["command"]);

        // The summary table on stdout, the progress on stderr.
        var outLines = r.OutLines;
        Assert.Equal("medida qg run", outLines[0]);
        Assert.Matches(@"^-+$", outLines[1]);
        Assert.Contains(outLines, l => Regex.IsMatch(l, @"^steps\s+: 20$"));
        Assert.Contains(outLines, l => Regex.IsMatch(l, @"^final step / time\s+: 20020 / 500\.500$"));
        Assert.Contains(outLines, l => Regex.IsMatch(l, @"^ke1 \[.*\]\s+: [0-9.]+"));
        Assert.Contains(outLines, l => Regex.IsMatch(l, @"^cfl \[1\]\s+: [0-9.]+"));
        Assert.Contains(outLines, l => Regex.IsMatch(l, @"^output\s+: " + Regex.Escape(output) + "$"));
        Assert.DoesNotContain("run [", r.StdOut);
        Assert.DoesNotContain("error", r.StdErr);

        var errLines = r.ErrLines;
        Assert.StartsWith("medida qg run: ", errLines[0]);
        Assert.Contains("20 steps", errLines[0]);
        Assert.Contains(errLines, l => l.TrimStart().StartsWith("run [", StringComparison.Ordinal) && l.Contains(" 20/20 ", StringComparison.Ordinal));
        Assert.All(errLines.Skip(1), l => Assert.Matches(@"^run \[[#.]{28}\] \d+/20 ", l.Trim()));
    }

    [Fact]
    public void QuietRunPrintsNothingOnStderr()
    {
        using var dir = new TempDir();
        var r = Medida.Ok("qg", "run", "--init", Repo.SpunUp, "--steps", "10", "--output", dir.File("OUT.h5"), "--quiet");
        Assert.Equal("", r.StdErr);
        Assert.StartsWith("medida qg run", r.StdOut);
        Assert.Equal(20_010, QgStateFile.Read(dir.File("OUT.h5")).State.Step);
    }

    [Fact]
    public void SetChangesTheStoredParameters()
    {
        using var dir = new TempDir();
        string output = dir.File("OUT.h5");
        Medida.Ok("qg", "run", "--init", Repo.SpunUp, "--steps", "10", "--output", output, "--set", "dt=0.02", "--set", "tau_d1=0.05", "--quiet");
        var content = QgStateFile.Read(output);
        Assert.Equal(0.02, content.Parameters!.Dt);
        Assert.Equal(0.05, content.Parameters.TauD1);
        Assert.Equal(SpunUp.Value.Parameters!.TauD2, content.Parameters.TauD2);
        Assert.Equal(SpunUp.Value.State.Time + 10 * 0.02, content.State.Time, 9);
    }

    /// <summary>The documented contract: 150 steps + checkpoint, then --resume for 150 steps, equals 300 steps bit for bit.</summary>
    [Fact]
    public void ResumeFromCheckpointMatchesStraightRunBitForBit()
    {
        using var dir = new TempDir();
        string first = dir.File("A.h5"), checkpoint = dir.File("C.h5"), resumed = dir.File("B.h5"), straight = dir.File("S.h5");
        var a = Medida.Ok("qg", "run", "--init", Repo.SpunUp, "--steps", "150", "--output", first,
            "--checkpoint-every", "150", "--checkpoint", checkpoint, "--quiet");
        Assert.Contains(a.OutLines, l => Regex.IsMatch(l, @"^checkpoint\s+: " + Regex.Escape(checkpoint) + "$"));
        var ckpt = QgCheckpointFile.Read(checkpoint);
        Assert.Equal(20_150, ckpt.Step);

        Medida.Ok("qg", "run", "--resume", checkpoint, "--steps", "150", "--output", resumed, "--quiet");
        Medida.Ok("qg", "run", "--init", Repo.SpunUp, "--steps", "300", "--output", straight, "--quiet");

        var b = QgStateFile.Read(resumed);
        var s = QgStateFile.Read(straight);
        Assert.Equal(20_300, b.State.Step);
        Assert.Equal(s.State.Step, b.State.Step);
        Assert.Equal(BitConverter.DoubleToInt64Bits(s.State.Time), BitConverter.DoubleToInt64Bits(b.State.Time));
        Bits.AssertEqual(s.State.Psi, b.State.Psi, "/psi");
        Bits.AssertEqual(s.State.Q!, b.State.Q!, "/q");
        Assert.Equal(s.Parameters, b.Parameters);
    }

    [Fact]
    public void TrajectoryHoldsStartAndEveryKthStep()
    {
        using var dir = new TempDir();
        string output = dir.File("OUT.h5"), trajectory = dir.File("T.h5");
        var r = Medida.Ok("qg", "run", "--init", Repo.SpunUp, "--steps", "30", "--output", output,
            "--snapshot-every", "10", "--trajectory", trajectory, "--quiet");
        Assert.Contains(r.OutLines, l => Regex.IsMatch(l, @"^trajectory\s+: " + Regex.Escape(trajectory) + "$"));

        var start = SpunUp.Value.State;
        var t = QgTrajectoryFile.Read(trajectory);
        Assert.Equal(4, t.Count);
        Assert.True(t.IsComplete);
        Assert.True(t.HasQ);
        long s0 = start.Step;
        Assert.Equal([s0, s0 + 10, s0 + 20, s0 + 30], t.Steps);
        double dt = t.Parameters!.Dt;
        for (int i = 0; i < 4; i++) Assert.Equal(start.Time + 10 * i * dt, t.Times[i], 9);
        using (var h5 = Hdf5Reader.Open(trajectory)) Assert.Equal([4, 2, 192, 96], h5.GetShape("/psi"));

        Bits.AssertEqual(start.Psi, t.GetState(0).Psi, "first snapshot = initial state");
        var final = QgStateFile.Read(output).State;
        var last = t.GetState(3);
        Bits.AssertEqual(final.Psi, last.Psi, "last snapshot = output ψ");
        Bits.AssertEqual(final.Q!, last.Q!, "last snapshot = output q");
    }

    [Fact]
    public void SpinupIsReproducibleAndDependsOnTheSeed()
    {
        using var dir = new TempDir();
        string s3 = dir.File("S3.h5"), s3Again = dir.File("S3b.h5"), s0 = dir.File("S0.h5");
        var r = Medida.Ok("qg", "spinup", "--output", s3, "--steps", "20", "--seed", "3");
        Assert.StartsWith("medida qg spinup", r.StdOut);
        Assert.Contains(r.OutLines, l => Regex.IsMatch(l, @"^final step / time\s+: 20 / 0\.500$"));
        Assert.Contains("seed 3", r.ErrLines[0]);
        Medida.Ok("qg", "spinup", "--output", s3Again, "--steps", "20", "--seed", "3", "--quiet");
        Medida.Ok("qg", "spinup", "--output", s0, "--steps", "20", "--quiet");

        var a = QgStateFile.Read(s3);
        var b = QgStateFile.Read(s3Again);
        var zero = QgStateFile.Read(s0);
        Assert.Equal(20, a.State.Step);
        Assert.Equal(0.5, a.State.Time, 12);
        Assert.Equal("3", a.Provenance["seed"]);
        Assert.Equal("0", zero.Provenance["seed"]);
        Bits.AssertEqual(a.State.Psi, b.State.Psi, "same seed, /psi");
        Bits.AssertEqual(a.State.Q!, b.State.Q!, "same seed, /q");
        Assert.False(Bits.Equal(a.State.Psi, zero.State.Psi), "seed 3 and seed 0 must give different states");
        Bits.AssertFinite(a.State.Psi, "/psi after spin-up");
    }

    [Fact]
    public void BlowUpExits4AndWritesTheLastGoodState()
    {
        using var dir = new TempDir();
        string output = dir.File("OUT.h5"), lastGood = dir.File("OUT.lastgood.h5");
        var r = Medida.Run("qg", "run", "--init", Repo.SpunUp, "--steps", "50", "--output", output, "--set", "dt=5");
        Assert.True(r.ExitCode == 4, "expected exit code 4\n" + r);
        var errLines = r.ErrLines;
        Assert.Single(errLines, l => l.StartsWith("error:", StringComparison.Ordinal));
        string error = errLines[^1];
        Assert.StartsWith("error: blow-up at step ", error);
        Assert.DoesNotContain("   at ", r.StdErr);
        var m = BlowUpLine().Match(error);
        Assert.True(m.Success, error);
        long step = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(step, 20_001, 20_050);
        Assert.Matches(@": (q1|q2|psi1|psi2|ψ1|ψ2|CFL)\b", error);
        Assert.Contains($"the last good state (step {step - 1}) was written to {lastGood}", error);
        Assert.Equal("", r.StdOut);

        Assert.False(File.Exists(output), "no output after a blow-up");
        Assert.True(File.Exists(lastGood));
        var good = QgStateFile.Read(lastGood);
        Assert.Equal(step - 1, good.State.Step);
        Assert.Equal(5.0, good.Parameters!.Dt);
        // The "last good" state must be usable as a restart point: finite ψ and q.
        Bits.AssertFinite(good.State.Psi, $"/psi of {Path.GetFileName(lastGood)}");
        Bits.AssertFinite(good.State.Q!, $"/q of {Path.GetFileName(lastGood)}");
    }

    [Fact]
    public void CflLimitIsCheckedAndQuietBlowUpIsOneLine()
    {
        using var dir = new TempDir();
        string output = dir.File("OUT.h5"), lastGood = dir.File("OUT.lastgood.h5");
        byte[] before = [1, 2, 3, 4, 5];
        File.WriteAllBytes(output, before);
        // The spun-up state has a CFL number near 0.3; the solver checks it on the first step of a run and every 20 steps.
        var r = Medida.Run("qg", "run", "--init", Repo.SpunUp, "--steps", "50", "--output", output, "--max-cfl", "0.1", "--quiet");
        string error = Medida.AssertError(r, 4, "blow-up at step 20001", "CFL", "0.1", lastGood);
        Assert.Contains("(step 20000)", error);
        Assert.Equal(before, File.ReadAllBytes(output));
        Assert.Equal(20_000, QgStateFile.Read(lastGood).State.Step);
    }

    [GeneratedRegex(@"^error: blow-up at step (\d+) \(t = [^)]+\): ")]
    private static partial Regex BlowUpLine();
}
