namespace Science.Observing;

/// <summary>
/// Where the state variables and the observations sit, and how the state is cut into batches for local analyses
/// (DAPPER's <c>nd_Id_localization</c>): the geometry, one position per state variable, one per observation, and
/// disjoint batches of state indices that together cover the state.
/// </summary>
public sealed class LocalisationDomain
{
    private readonly DomainPoint[] _state, _obs;
    private readonly int[][] _batches;

    /// <summary>A domain from explicit positions and batches.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Batches that are not a partition of [0, state count).</exception>
    public LocalisationDomain(IDomainGeometry geometry, IReadOnlyList<DomainPoint> statePositions, IReadOnlyList<DomainPoint> observationPositions, IReadOnlyList<int[]> batches)
    {
        Geometry = geometry ?? throw new ArgumentNullException(nameof(geometry));
        _state = [.. statePositions];
        _obs = [.. observationPositions];
        _batches = [.. batches.Select(b => (int[])b.Clone())];
        var seen = new bool[_state.Length];
        foreach (var b in _batches)
            foreach (int i in b)
            {
                if ((uint)i >= (uint)seen.Length || seen[i])
                    throw new ArgumentOutOfRangeException(nameof(batches), i, $"batches must partition the state indices [0, {_state.Length - 1}]");
                seen[i] = true;
            }
        if (seen.Any(s => !s)) throw new ArgumentOutOfRangeException(nameof(batches), "batches must cover every state index");
    }

    /// <summary>
    /// A ring of <paramref name="stateSize"/> variables at x = 0, 1, …, observed by <paramref name="observation"/>
    /// (which must select state indices), cut into consecutive batches of <paramref name="batchWidth"/> (the last may
    /// be shorter): DAPPER's <c>nd_Id_localization((n,), (w,))</c>.
    /// </summary>
    public static LocalisationDomain Ring(int stateSize, IObservationOperator observation, int batchWidth)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (batchWidth < 1 || batchWidth > stateSize) throw new ArgumentOutOfRangeException(nameof(batchWidth), batchWidth, $"the batch width must be in [1, {stateSize}]");
        var idx = observation.ObservedIndices ?? throw new ArgumentException("localisation needs an operator that selects state variables (positions of the observations)", nameof(observation));
        var state = Enumerable.Range(0, stateSize).Select(i => new DomainPoint(i)).ToArray();
        var obs = idx.Select(i => new DomainPoint(i)).ToArray();
        var batches = Enumerable.Range(0, (stateSize + batchWidth - 1) / batchWidth)
            .Select(b => Enumerable.Range(b * batchWidth, Math.Min(batchWidth, stateSize - b * batchWidth)).ToArray()).ToArray();
        return new LocalisationDomain(new PeriodicRing(stateSize), state, obs, batches);
    }

    /// <summary>
    /// A doubly periodic <paramref name="nx"/> × <paramref name="ny"/> grid with the state laid out row-major
    /// (<c>[y, x]</c>, index = y·nx + x, as one layer of the QG ψ), observed by <paramref name="observation"/> (which must
    /// select state indices), cut into rectangular batches of <paramref name="batchX"/> × <paramref name="batchY"/> points.
    /// </summary>
    public static LocalisationDomain Grid(int nx, int ny, IObservationOperator observation, int batchX, int batchY)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (batchX < 1 || batchX > nx) throw new ArgumentOutOfRangeException(nameof(batchX), batchX, $"the batch width must be in [1, {nx}]");
        if (batchY < 1 || batchY > ny) throw new ArgumentOutOfRangeException(nameof(batchY), batchY, $"the batch height must be in [1, {ny}]");
        var idx = observation.ObservedIndices ?? throw new ArgumentException("localisation needs an operator that selects state variables (positions of the observations)", nameof(observation));
        var state = new DomainPoint[nx * ny];
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) state[y * nx + x] = new DomainPoint(x, y);
        var batches = new List<int[]>();
        for (int y0 = 0; y0 < ny; y0 += batchY)
            for (int x0 = 0; x0 < nx; x0 += batchX)
            {
                var b = new List<int>();
                for (int y = y0; y < Math.Min(ny, y0 + batchY); y++)
                    for (int x = x0; x < Math.Min(nx, x0 + batchX); x++) b.Add(y * nx + x);
                batches.Add([.. b]);
            }
        return new LocalisationDomain(new PeriodicGrid(nx, ny), state, idx.Select(i => state[i]).ToArray(), batches);
    }

    /// <summary>The distance.</summary>
    public IDomainGeometry Geometry { get; }
    /// <summary>Position of each state variable.</summary>
    public IReadOnlyList<DomainPoint> StatePositions => _state;
    /// <summary>Position of each observation.</summary>
    public IReadOnlyList<DomainPoint> ObservationPositions => _obs;
    /// <summary>Disjoint batches of state indices, in order; together they cover the state.</summary>
    public IReadOnlyList<int[]> Batches => _batches;
    /// <summary>
    /// A copy of this domain whose batch distance is the distance from one centre point per batch to the observation
    /// (instead of the batch-mean distance): one distance per batch and observation instead of one per batch member,
    /// for large two-dimensional domains (the QG twin's 4×4×2 blocks).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not one centre per batch.</exception>
    public LocalisationDomain WithBatchCentres(IReadOnlyList<DomainPoint> centres)
    {
        ArgumentNullException.ThrowIfNull(centres);
        if (centres.Count != _batches.Length) throw new ArgumentOutOfRangeException(nameof(centres), centres.Count, $"one centre per batch ({_batches.Length})");
        return new LocalisationDomain(Geometry, _state, _obs, _batches) { _centres = [.. centres] };
    }

    /// <summary>Whether batch distances are taken from batch centres (see <see cref="WithBatchCentres"/>).</summary>
    public bool HasBatchCentres => _centres is not null;

    private DomainPoint[]? _centres;

    /// <summary>Width of the first batch (the batch width of a regular partition).</summary>
    public int BatchWidth => _batches[0].Length;

    /// <summary>
    /// The mean over the batch's state variables of their distance to observation <paramref name="observation"/>
    /// (DAPPER takes the batch-mean distance, then the taper).
    /// </summary>
    public double BatchDistance(int batch, int observation)
    {
        if (_centres is not null) return Geometry.Distance(_centres[batch], _obs[observation]);
        var b = _batches[batch];
        double sum = 0;
        foreach (int i in b) sum += Geometry.Distance(_state[i], _obs[observation]);
        return sum / b.Length;
    }
}
