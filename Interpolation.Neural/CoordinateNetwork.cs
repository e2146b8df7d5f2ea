using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Science.Interpolation.Neural;

/// <summary>
/// (X, Y) → (ψ1, ψ2): the RFF-MLP or the plain MLP of spec §9.1–§9.2, float32 on the CPU.
/// </summary>
/// <remarks>
/// Parameters and buffers, by state-dict name: <c>input</c> (MLP only: Linear 2 → H), <c>trunk.i</c> (Linear H → H,
/// each followed by tanh), <c>head</c> (Linear H → 2); buffers <c>rff_b</c> (RFF only: B, (H/2) × 2, fixed),
/// <c>out_scale</c> and <c>out_shift</c> (per-layer output scaling, see <see cref="NeuralInterpolatorOptions.NormalizeTargets"/>).
/// Construct it under <see cref="TorchRuntime.RngLock"/> after seeding: the linear layers take PyTorch's default
/// initialisation from the global generator, in the order input, trunk, head, and B is drawn afterwards (as the
/// reference does).
/// </remarks>
internal sealed class CoordinateNetwork : nn.Module<Tensor, Tensor>
{
    // Field names are the state-dict names (RegisterComponents); Tensor fields become buffers.
#pragma warning disable IDE1006 // naming: these are state-dict keys
    private readonly Linear? input;
    private readonly ModuleList<Linear> trunk;
    private readonly Linear head;
    private readonly Tensor? rff_b;
    private readonly Tensor out_scale;
    private readonly Tensor out_shift;
#pragma warning restore IDE1006

    public CoordinateNetwork(NetworkKind kind, int hidden, int depth, double sigma) : base(kind == NetworkKind.RffMlp ? "RffMlp" : "Mlp")
    {
        Kind = kind;
        if (kind == NetworkKind.Mlp) input = nn.Linear(2, hidden);
        var layers = new Linear[depth];
        for (int i = 0; i < depth; i++) layers[i] = nn.Linear(hidden, hidden);
        trunk = nn.ModuleList(layers);
        head = nn.Linear(hidden, 2);
        if (kind == NetworkKind.RffMlp)
        {
            using var standard = randn(hidden / 2, 2, ScalarType.Float32);
            rff_b = standard.mul(sigma);
        }
        out_scale = ones(2, ScalarType.Float32);
        out_shift = zeros(2, ScalarType.Float32);
        RegisterComponents();
    }

    public NetworkKind Kind { get; }

    /// <summary>B as a row-major (H/2) × 2 array; null for the plain MLP.</summary>
    public float[]? FourierMatrix => rff_b?.data<float>().ToArray();

    /// <summary>Sets the per-layer output scaling ψ̂_k = shift_k + scale_k · out_k.</summary>
    public void SetOutputScaling(float[] scale, float[] shift)
    {
        using var noGrad = no_grad();
        using var s = tensor(scale);
        using var t = tensor(shift);
        out_scale.copy_(s);
        out_shift.copy_(t);
    }

    public float[] OutputScale => out_scale.data<float>().ToArray();
    public float[] OutputShift => out_shift.data<float>().ToArray();

    /// <summary>v: (N, 2) float32 scaled coordinates → (N, 2) ψ̂.</summary>
    public override Tensor forward(Tensor v)
    {
        using var scope = NewDisposeScope();
        Tensor h;
        if (rff_b is not null)
        {
            var proj = matmul(v, rff_b.t()).mul(2 * Math.PI);
            h = cat([cos(proj), sin(proj)], 1);
        }
        else
        {
            h = input!.forward(v);
        }
        foreach (var layer in trunk) h = tanh(layer.forward(h));
        var result = head.forward(h).mul(out_scale).add(out_shift);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Copies of every parameter and buffer, by state-dict name (for determinism checks).</summary>
    public SortedDictionary<string, float[]> Snapshot()
    {
        var all = new SortedDictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, p) in named_parameters()) all[name] = p.detach().data<float>().ToArray();
        foreach (var (name, b) in named_buffers()) all[name] = b.data<float>().ToArray();
        return all;
    }
}
