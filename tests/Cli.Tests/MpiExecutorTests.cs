using System.Diagnostics;
using System.Text.Json;
using Science.Assimilation.Mpi;
using Science.Tests.Shared;

namespace Science.Cli.Tests;

/// <summary>
/// <c>--executor mpi</c> under MPICH's <c>mpiexec -n 2</c> gives the same statistics, bit for bit, as the in-process
/// run for the same seed (the acceptance). Needs MPICH (skipped without it, a failure under CI=true).
/// </summary>
[Collection(CliCollection.Name)]
public sealed class MpiExecutorTests
{
    private static readonly string[] Run =
        ["assimilate", "--preset", "l96-sakov2008", "--method", "etkf", "--members", "24", "--inflation", "1.013", "--rotate", "--cycles", "200", "--seed", "7"];

    [SkippableFact]
    public void TwoRanksGiveTheInProcessStatisticsBitForBit()
    {
        Prerequisite.Require(MpiSession.IsMpichAvailable() && OnPath("mpiexec"), "MPICH (libmpich.so.12 and mpiexec)", "apt-get install mpich");
        using var t = new TempDir();
        string inProcess = t.File("inprocess.json"), mpi = t.File("mpi.json");
        Medida.Ok([.. Run, "--output", inProcess, "--quiet"]);

        string dll = typeof(Entry).Assembly.Location;
        var psi = new ProcessStartInfo("mpiexec") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])["-n", "2", "dotnet", dll, .. Run, "--executor", "mpi", "--output", mpi])
            psi.ArgumentList.Add(arg);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "mpiexec -n 2 did not finish within 60 s");
        string log = $"exit {p.ExitCode}\n{stdout.Result}\n{stderr.Result}";
        Assert.True(p.ExitCode == 0, log);
        // Only rank 0 prints the summary.
        Assert.Single(stdout.Result.Split('\n'), l => l.StartsWith("rmse_a", StringComparison.Ordinal));
        Assert.Contains("mpi:2", stdout.Result);

        using var a = JsonDocument.Parse(File.ReadAllText(inProcess));
        using var b = JsonDocument.Parse(File.ReadAllText(mpi));
        foreach (string key in new[] { "rmse_a", "rmse_f", "spread_a", "spread_f" })
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.RootElement.GetProperty(key).GetDouble()),
                BitConverter.DoubleToInt64Bits(b.RootElement.GetProperty(key).GetDouble()));
        Assert.Equal("mpi:2", b.RootElement.GetProperty("executor").GetString());
        // The per-cycle series (rmse_f, rmse_a, spread_f, spread_a of every cycle, round-trip formatted) are identical.
        Assert.Equal(File.ReadAllText(Path.ChangeExtension(inProcess, ".csv")), File.ReadAllText(Path.ChangeExtension(mpi, ".csv")));
        // The whole record differs only in the executor's name.
        Assert.Equal(File.ReadAllText(inProcess).Replace("\"inprocess\"", "\"mpi:2\"", StringComparison.Ordinal), File.ReadAllText(mpi));
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, tool)));
}
