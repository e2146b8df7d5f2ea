using BenchmarkDotNet.Running;

namespace Science.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench -- --filter '*Fft*' --job short</c> runs BenchmarkDotNet;
/// <c>… -- sparse-table [--quick] [--out DIR] [--only KEY]</c> measures the sparse-observation discovery table
/// (<see cref="SparseTable"/>); <c>… -- spectral-bias [--preset P] [--sigma S|auto]</c> runs the MLP vs RFF-MLP study
/// (<see cref="SpectralBiasStudy"/>).
/// </summary>
public static class Program
{
    /// <summary>Dispatches on the first argument; anything else goes to the benchmarks selected on the command line.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "sparse-table") return SparseTable.Run(args[1..]);
        if (args.Length > 0 && args[0] == "spectral-bias") return SpectralBiasStudy.Run(args[1..]);
        if (args.Length > 0 && args[0] == "ks-discovery") return KsDiscoveryTable.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
