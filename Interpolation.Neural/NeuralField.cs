using System.Text.Json;
using System.Text.Json.Serialization;
using Science.QgModel;
using static TorchSharp.torch;

namespace Science.Interpolation.Neural;

/// <summary>One loss log entry: the loss at the start of Adam/L-BFGS step <see cref="Step"/> (1-based).</summary>
/// <param name="Step">Step number, counting Adam steps first, then L-BFGS iterations.</param>
/// <param name="Loss">Relative MSE (plus penalties) at that step.</param>
public sealed record LossLogEntry(long Step, double Loss);

/// <summary>What a training run did.</summary>
/// <param name="AdamSteps">Adam steps taken.</param>
/// <param name="LbfgsSteps">L-BFGS iterations taken.</param>
/// <param name="FinalLoss">Loss of the final network on its training sensors (relative MSE plus penalties).</param>
/// <param name="LossLog">Loss logs (50 per run by default, §13 E3).</param>
/// <param name="Seconds">Wall time of the training loop.</param>
/// <param name="Diverged">The loss became NaN or infinite; training stopped there.</param>
public sealed record TrainingReport(int AdamSteps, int LbfgsSteps, double FinalLoss, IReadOnlyList<LossLogEntry> LossLog, double Seconds, bool Diverged)
{
    /// <summary>Adam and L-BFGS steps per second of wall time.</summary>
    [JsonIgnore]
    public double StepsPerSecond => Seconds > 0 ? (AdamSteps + LbfgsSteps) / Seconds : double.NaN;

    /// <summary>
    /// Spec §13 E3: a final loss above 1e−8 (≈ 1e−4 relative L2 error on the sensors) cannot meet the ∇²ψ gate; such a
    /// run is under-trained, which is not a discovery failure.
    /// </summary>
    [JsonIgnore]
    public bool IsUnderTrained => !(FinalLoss <= 1e-8);
}

/// <summary>
/// A trained coordinate network (ψ1, ψ2)(X, Y): predicts on any grid, and saves/loads as a TorchSharp state dict
/// (weights, biases and the buffers B, out_scale, out_shift) plus a sidecar JSON with the kind, options, seed, B and the
/// training report. Dispose it to free the native tensors.
/// </summary>
public sealed class NeuralField : IDisposable
{
    private const string Format = "science.neural-field/1";
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly CoordinateNetwork _net;
    private readonly bool _ownsNetwork;

    internal NeuralField(CoordinateNetwork net, NeuralInterpolatorOptions options, long networkSeed, TrainingReport report, bool ownsNetwork = true)
    {
        _net = net;
        _ownsNetwork = ownsNetwork;
        Options = options;
        NetworkSeed = networkSeed;
        Report = report;
    }

    /// <summary>RFF-MLP or plain MLP.</summary>
    public NetworkKind Kind => _net.Kind;
    /// <summary>The settings it was trained with.</summary>
    public NeuralInterpolatorOptions Options { get; }
    /// <summary>The value passed to torch.manual_seed before the network was built.</summary>
    public long NetworkSeed { get; }
    /// <summary>What training did.</summary>
    public TrainingReport Report { get; }
    /// <summary>A copy of B (row-major, (H/2) × 2); null for the plain MLP.</summary>
    public float[]? FourierMatrix => _net.FourierMatrix;

    internal CoordinateNetwork Network => _net;

    /// <summary>Copies of every parameter and buffer (weights, biases, B, output scaling), by state-dict name.</summary>
    public IReadOnlyDictionary<string, float[]> StateSnapshot() => _net.Snapshot();

    /// <summary>ψ <c>[layer, y, x]</c> on every point of <paramref name="grid"/> (float32 network output cast to float64).</summary>
    public double[] Predict(Grid grid) => PredictAt(NetworkCoordinates.ForGrid(grid));

    /// <summary>ψ <c>[layer, point]</c> at the given flat indices of <paramref name="grid"/>.</summary>
    public double[] Predict(Grid grid, ReadOnlySpan<int> indices) => PredictAt(NetworkCoordinates.ForIndices(grid, indices));

    /// <summary>ψ <c>[layer, point]</c> at interleaved scaled coordinates (X, Y).</summary>
    public double[] PredictAt(float[] coordinates)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        if (coordinates.Length % 2 != 0) throw new ArgumentException("coordinates must be (X, Y) pairs", nameof(coordinates));
        int n = coordinates.Length / 2;
        var result = new double[2 * n];
        if (n == 0) return result;
        TorchRuntime.EnsureLoaded(Options.Threads);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var v = tensor(coordinates, [n, 2]);
        var output = _net.forward(v).contiguous();
        var data = output.data<float>().ToArray();
        for (int p = 0; p < n; p++)
        {
            result[p] = data[2 * p];
            result[n + p] = data[2 * p + 1];
        }
        return result;
    }

    /// <summary>Writes the state dict to <paramref name="path"/> and the sidecar JSON to <paramref name="path"/>.json.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string tmp = full + ".tmp";
        _net.save(tmp);
        File.Move(tmp, full, overwrite: true);
        var sidecar = new Sidecar(Format, Kind, Options, NetworkSeed, FourierMatrix, _net.OutputScale, _net.OutputShift, Report,
            Path.GetFileName(full));
        File.WriteAllText(full + ".json.tmp", JsonSerializer.Serialize(sidecar, Json));
        File.Move(full + ".json.tmp", full + ".json", overwrite: true);
    }

    /// <summary>Loads a network written by <see cref="Save"/>; its predictions are bit-identical to the saved one's.</summary>
    /// <exception cref="InvalidDataException">The files do not match (format, shapes, B).</exception>
    public static NeuralField Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var sidecar = JsonSerializer.Deserialize<Sidecar>(File.ReadAllText(path + ".json"), Json)
                      ?? throw new InvalidDataException($"{path}.json is empty");
        if (sidecar.Format != Format) throw new InvalidDataException($"{path}.json: format '{sidecar.Format}', expected '{Format}'");
        var o = sidecar.Options;
        o.Validate();
        TorchRuntime.EnsureLoaded(o.Threads);
        CoordinateNetwork net;
        lock (TorchRuntime.RngLock) net = new CoordinateNetwork(sidecar.Kind, o.Hidden, o.Depth, o.Sigma);
        try
        {
            net.load(path, strict: true);
            var b = net.FourierMatrix;
            if ((b == null) != (sidecar.FourierMatrix == null) || (b != null && !b.AsSpan().SequenceEqual(sidecar.FourierMatrix)))
                throw new InvalidDataException($"{path}: the Fourier matrix B differs from the one in {path}.json");
        }
        catch
        {
            net.Dispose();
            throw;
        }
        return new NeuralField(net, o, sidecar.NetworkSeed, sidecar.Report);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsNetwork) _net.Dispose();
    }

    private sealed record Sidecar(string Format, NetworkKind Kind, NeuralInterpolatorOptions Options, long NetworkSeed, float[]? FourierMatrix,
        float[] OutputScale, float[] OutputShift, TrainingReport Report, string WeightsFile);
}
