using BenchmarkDotNet.Running;

namespace Science.Bench;

/// <summary>Entry point: <c>dotnet run -c Release --project bench -- --filter '*Fft*' --job short</c>.</summary>
public static class Program
{
    /// <summary>Runs the study named by the first argument (<c>spectral-bias</c>), else the benchmarks selected on the command line.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "spectral-bias") return SpectralBiasStudy.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
