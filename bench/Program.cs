using BenchmarkDotNet.Running;

namespace Science.Bench;

/// <summary>Entry point: <c>dotnet run -c Release --project bench -- --filter '*Fft*' --job short</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected on the command line.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
