using Science.Numerics.Fft;
using BenchmarkDotNet.Attributes;
using Science.QgModel;
using Science.QgModel.Spectral;

namespace Science.Bench;

/// <summary>
/// One time step of the two-layer QG solver (leapfrog + filter path, spun-up-like state) at the paper's grid and at
/// twice its resolution, with each FFT backend. The reference NumPy solver takes ≈15 ms/step (96×192) and ≈60 ms/step
/// (192×384) of CPU time on these machines (oracle README).
/// </summary>
[MemoryDiagnoser]
public class SolverBenchmarks
{
    private QgSolver _solver = null!;

    /// <summary>Grid: "96x192" or "192x384".</summary>
    [Params("96x192", "192x384")]
    public string Size { get; set; } = "96x192";

    /// <summary>FFT backend.</summary>
    [Params("managed", "fftw")]
    public string Fft { get; set; } = "managed";

    [GlobalSetup]
    public void Setup()
    {
        if (Fft == "fftw" && !FftwRealFft2D.IsAvailable) throw new InvalidOperationException("libfftw3 is not installed");
        var parts = Size.Split('x');
        var grid = new Grid(int.Parse(parts[0]), int.Parse(parts[1]), 46, 68);
        var p = QgParameters.Truth with { Dt = grid.Nx == 96 ? 0.025 : 0.0125 };
        _solver = new QgSolver(grid, p, Fft == "fftw" ? FftBackendKind.Fftw : FftBackendKind.Managed) { CflCheckInterval = 0 };
        _solver.Initialize(InitialConditions.Analytic(grid));
        _solver.Advance(20);
    }

    [GlobalCleanup]
    public void Cleanup() => _solver.Dispose();

    /// <summary>One step.</summary>
    [Benchmark]
    public void Step() => _solver.Step();
}

/// <summary>Throughput of independent ensemble members stepped in parallel (one solver per member).</summary>
public class EnsembleBenchmarks
{
    private QgSolver[] _members = [];

    /// <summary>Threads used.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var g = Grid.Default;
        _members = Enumerable.Range(0, 4).Select(m =>
        {
            var s = new QgSolver(g, QgParameters.Truth, FftBackendKind.Managed) { CflCheckInterval = 0 };
            s.Initialize(InitialConditions.Analytic(g, m));
            s.Advance(5);
            return s;
        }).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var m in _members) m.Dispose();
    }

    /// <summary>Ten steps of four members.</summary>
    [Benchmark]
    public void FourMembersTenSteps() => QgEnsemble.Advance(_members, 10, Threads);
}

/// <summary>
/// The phases of a step on the solver's own spectral toolbox (managed FFT, one layer where per layer): the de-aliased
/// Jacobian (five padded transforms), the sponge spectrum (y-only transforms) and the two-layer PV inversion. A step
/// is about two Jacobians, two sponges, one inversion and a few element-wise passes.
/// </summary>
[MemoryDiagnoser]
public class SolverPhaseBenchmarks
{
    private QgSolver _solver = null!;
    private SpectralField _q = null!, _result = null!, _background = null!, _psi1 = null!, _psi2 = null!;
    private double[] _weight = [];

    /// <summary>Grid: "96x192" or "192x384".</summary>
    [Params("96x192", "192x384")]
    public string Size { get; set; } = "96x192";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        var grid = new Grid(int.Parse(parts[0]), int.Parse(parts[1]), 46, 68);
        _solver = new QgSolver(grid, QgParameters.Truth, FftBackendKind.Managed) { CflCheckInterval = 0 };
        _solver.Initialize(InitialConditions.Analytic(grid));
        _solver.Advance(20);
        _q = new SpectralField(grid);
        _solver.Spectral.Laplacian(_solver.PsiHat(0), _q);
        _result = new SpectralField(grid);
        _background = new SpectralField(grid);
        _psi1 = new SpectralField(grid);
        _psi2 = new SpectralField(grid);
        _weight = _solver.Jet.Sponge.Select(s => -s).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _solver.Dispose();

    /// <summary>Ĵ(ψ, Q) of one layer.</summary>
    [Benchmark]
    public void Jacobian() => _solver.Spectral.Jacobian(_solver.PsiHat(0), _q, _result);

    /// <summary>The sponge spectrum −s(y)(q − ⟨q⟩ₓ) of one layer.</summary>
    [Benchmark]
    public void Sponge() => _solver.Spectral.WeightedEddies(_q, _weight, _result);

    /// <summary>ψ̂ of both layers from their spectral PV.</summary>
    [Benchmark]
    public void Inversion() => _solver.Spectral.InvertPv(_q, _result, _background, null, _psi1, _psi2);
}

/// <summary>Reading an ensemble member's state through the model seam (must allocate nothing).</summary>
[MemoryDiagnoser]
public class ModelSeamBenchmarks
{
    private TwoLayerQgModel _model = null!;
    private double[] _buffer = [];

    [GlobalSetup]
    public void Setup()
    {
        var g = Grid.Default;
        _model = new TwoLayerQgModel(g, QgParameters.Truth);
        _model.SetState(InitialConditions.Analytic(g).Psi);
        _model.Advance(20);
        _buffer = new double[_model.StateSize];
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    /// <summary>ψ of both layers into a caller's buffer.</summary>
    [Benchmark]
    public void CopyState() => _model.CopyState(_buffer);

    /// <summary>One step through the seam, then the state read.</summary>
    [Benchmark]
    public void StepAndRead()
    {
        _model.Advance(1);
        _model.CopyState(_buffer);
    }
}
