using Science.Numerics.Fft;
using BenchmarkDotNet.Attributes;
using Science.QgModel.Spectral;

namespace Science.Bench;

/// <summary>Backends that can run on this machine (FFTW only where libfftw3 is installed).</summary>
internal static class FftBackends
{
    public static IEnumerable<FftBackendKind> Available =>
        FftwRealFft2D.IsAvailable ? [FftBackendKind.Managed, FftBackendKind.Fftw] : [FftBackendKind.Managed];

    public static double[] Random(int n, int seed)
    {
        var rng = new Random(seed);
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = 2 * rng.NextDouble() - 1;
        }

        return a;
    }
}

/// <summary>One forward + one inverse 2-D real FFT (single thread) per backend and grid size (Nx×Ny).</summary>
[MemoryDiagnoser]
public class FftPairBenchmarks
{
    private IRealFft2D _fft = null!;
    private double[] _real = null!, _out = null!, _re = null!, _im = null!;

    /// <summary>Grid as Nx×Ny.</summary>
    [Params("96x192", "144x288", "192x384", "288x576")]
    public string Grid { get; set; } = "144x288";

    /// <summary>Backend.</summary>
    [ParamsSource(nameof(Backends))]
    public FftBackendKind Backend { get; set; }

    /// <summary>Available backends.</summary>
    public static IEnumerable<FftBackendKind> Backends => FftBackends.Available;

    /// <summary>Plans and fills the buffers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string[] p = Grid.Split('x');
        int nx = int.Parse(p[0]), ny = int.Parse(p[1]);
        _fft = RealFft2D.Create(ny, nx, Backend);
        _real = FftBackends.Random(ny * nx, 1);
        _out = new double[ny * nx];
        _re = new double[ny * _fft.Nk];
        _im = new double[ny * _fft.Nk];
    }

    /// <summary>Releases the plan.</summary>
    [GlobalCleanup]
    public void Cleanup() => _fft.Dispose();

    /// <summary>Forward then inverse.</summary>
    [Benchmark]
    public void ForwardInverse()
    {
        _fft.Forward(_real, _re, _im);
        _fft.Inverse(_re, _im, _out);
    }
}

/// <summary>
/// The 3/2-rule de-aliased product pattern: four zero-padded inverses (144×288 grid from a 96×192 spectrum,
/// i.e. [192, 49] → [288, 144]) and one truncated forward back to [192, 49].
/// </summary>
[MemoryDiagnoser]
public class FftPaddedProductBenchmarks
{
    private const int Ny = 288, Nx = 144, SrcNy = 192, SrcNk = 49;
    private IRealFft2D _fft = null!;
    private double[][] _specRe = null!, _specIm = null!, _grids = null!;
    private double[] _outRe = null!, _outIm = null!;

    /// <summary>Backend.</summary>
    [ParamsSource(nameof(Backends))]
    public FftBackendKind Backend { get; set; }

    /// <summary>Available backends.</summary>
    public static IEnumerable<FftBackendKind> Backends => FftBackends.Available;

    /// <summary>Plans and fills the buffers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fft = RealFft2D.Create(Ny, Nx, Backend);
        _specRe = [.. Enumerable.Range(0, 4).Select(k => FftBackends.Random(SrcNy * SrcNk, 10 + k))];
        _specIm = [.. Enumerable.Range(0, 4).Select(k => FftBackends.Random(SrcNy * SrcNk, 20 + k))];
        _grids = [.. Enumerable.Range(0, 4).Select(_ => new double[Ny * Nx])];
        _outRe = new double[SrcNy * SrcNk];
        _outIm = new double[SrcNy * SrcNk];
    }

    /// <summary>Releases the plan.</summary>
    [GlobalCleanup]
    public void Cleanup() => _fft.Dispose();

    /// <summary>4 × InverseFromSmaller + a pointwise product + 1 × ForwardToSmaller.</summary>
    [Benchmark]
    public void PaddedProduct()
    {
        for (int k = 0; k < 4; k++)
        {
            _fft.InverseFromSmaller(_specRe[k], _specIm[k], SrcNy, SrcNk, _grids[k]);
        }

        double[] a = _grids[0], b = _grids[1], c = _grids[2], d = _grids[3];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = a[i] * b[i] - c[i] * d[i];
        }

        _fft.ForwardToSmaller(a, _outRe, _outIm, SrcNy, SrcNk);
    }
}
