using Science.Models;
using Science.Numerics.Fft;

namespace Science.QgModel;

/// <summary>
/// The two-layer QG solver behind the model seam: the state vector is ψ of both layers, <c>[layer, y, x]</c>
/// (length 2·Nx·Ny, layer 0 = upper), one <see cref="IDynamicalModel.Advance"/> step is one leapfrog step of Δt.
/// The solver's fused kernel (the reference's numerics to round-off) is unchanged; this type only puts the seam
/// around it.
/// </summary>
/// <remarks>
/// <para>Leapfrog-aware: <see cref="SetState(ReadOnlySpan{double}, double, long)"/> restarts with a forward step (the
/// reference's behaviour for every run); <see cref="SetState(ReadOnlySpan{double}, LevelUpdate)"/> with
/// <see cref="LevelUpdate.Continue"/> adds the change of ψ to both time levels and keeps the leapfrog going (how an
/// analysis continues a cycled run; a zero change leaves the run exactly as it was); <see cref="SetLevels"/> sets both
/// levels from ψ.</para>
/// <para>The PV of a state set from outside is built with the model's own β and R. Reading the state allocates
/// nothing.</para>
/// </remarks>
public sealed class TwoLayerQgModel : IMultiLevelModel
{
    private readonly QgSolver _solver;
    private readonly double[] _current;

    /// <summary>A model on <paramref name="grid"/> with <paramref name="parameters"/>.</summary>
    public TwoLayerQgModel(Grid grid, QgParameters parameters, FftBackendKind backend = FftBackendKind.Auto)
    {
        _solver = new QgSolver(grid, parameters, backend);
        _current = new double[2 * grid.RealSize];
    }

    /// <summary>The solver (for diagnostics, checkpoints and the physical fields).</summary>
    public QgSolver Solver => _solver;
    /// <inheritdoc/>
    public string Name => "qg";
    /// <inheritdoc/>
    public int StateSize => 2 * _solver.Grid.RealSize;
    /// <inheritdoc/>
    public double TimeStep => _solver.Parameters.Dt;
    /// <inheritdoc/>
    public double Time => _solver.Time;
    /// <inheritdoc/>
    public long StepCount => _solver.StepCount;

    /// <inheritdoc/>
    public void SetState(ReadOnlySpan<double> state, double time = 0, long step = 0)
    {
        Check(state, nameof(state));
        _solver.Initialize(new QgState(_solver.Grid, state, null, time, step));
    }

    /// <inheritdoc/>
    public void SetState(ReadOnlySpan<double> state, LevelUpdate update)
    {
        Check(state, nameof(state));
        if (update == LevelUpdate.Restart)
        {
            SetState(state, Time, StepCount);
            return;
        }
        _solver.CopyPsi(_current);
        for (int i = 0; i < _current.Length; i++) _current[i] = state[i] - _current[i];
        _solver.AddToBothLevels(_current);
    }

    /// <inheritdoc/>
    public void SetLevels(ReadOnlySpan<double> previous, ReadOnlySpan<double> current, double time = 0, long step = 0)
    {
        Check(previous, nameof(previous));
        Check(current, nameof(current));
        _solver.SetLevels(previous, current, time, step);
    }

    /// <inheritdoc/>
    public void Advance(int steps) => _solver.Advance(steps);

    /// <inheritdoc/>
    public void CopyState(Span<double> destination) => _solver.CopyPsi(destination);

    /// <inheritdoc/>
    public void CopyPreviousState(Span<double> destination) => _solver.CopyPreviousPsi(destination);

    /// <inheritdoc/>
    public void Dispose() => _solver.Dispose();

    private void Check(ReadOnlySpan<double> state, string name)
    {
        if (state.Length != StateSize)
            throw new ArgumentException($"{name} must hold ψ of both layers on the {_solver.Grid} grid: {StateSize} values, got {state.Length}", name);
        foreach (double v in state)
            if (!double.IsFinite(v)) throw new ArgumentException($"{name} contains NaN or infinite values", name);
    }
}
