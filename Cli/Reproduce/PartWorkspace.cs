using System.Diagnostics;

namespace Science.Cli.Reproduce;

/// <summary>
/// Where a part works: a staging folder <c>DIR/.partial/PART/</c> that keeps the saved result of every finished step
/// (<c>.steps/KEY.json</c>) and the files written so far, and that becomes <c>DIR/PART/</c> in one rename when the part
/// is done (<see cref="Publish"/>). An interrupted part resumes from its saved steps; the files of a finished part
/// appear all at once, with its <c>done.json</c>.
/// </summary>
public sealed class PartWorkspace
{
    /// <summary>The marker file of a finished part.</summary>
    public const string DoneFile = "done.json";

    private readonly IReadOnlyList<WorkUnit> _plan;
    private readonly ReproductionProgress _progress;
    private readonly double _secondsBefore;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _step;

    /// <summary>Opens (or resumes) the staging folder of <paramref name="part"/> in <paramref name="output"/>.</summary>
    public PartWorkspace(string output, string part, ReproductionMode mode, IReadOnlyList<WorkUnit> plan, ReproductionInputs inputs, ReproductionProgress progress)
    {
        Part = part;
        Mode = mode;
        Inputs = inputs;
        _plan = plan;
        _progress = progress;
        FinalDirectory = Path.Combine(output, part);
        StagingDirectory = Path.Combine(output, ".partial", part);
        var state = ReproductionJson.TryRead<StagingState>(Path.Combine(StagingDirectory, ".state.json"));
        if (state is null || state.Mode != mode)
        {
            if (Directory.Exists(StagingDirectory)) Directory.Delete(StagingDirectory, recursive: true);
            state = new StagingState(mode, 0);
        }
        _secondsBefore = state.Seconds;
        Directory.CreateDirectory(Path.Combine(StagingDirectory, ".steps"));
        ReproductionJson.Write(Path.Combine(StagingDirectory, ".state.json"), state);
    }

    /// <summary>The part key.</summary>
    public string Part { get; }
    /// <summary>The mode.</summary>
    public ReproductionMode Mode { get; }
    /// <summary>The data.</summary>
    public ReproductionInputs Inputs { get; }
    /// <summary>The folder the files are written to while the part runs.</summary>
    public string StagingDirectory { get; }
    /// <summary>The folder of the finished part.</summary>
    public string FinalDirectory { get; }
    /// <summary>Wall time spent on the part, including earlier interrupted runs (s).</summary>
    public double Seconds => _secondsBefore + _clock.Elapsed.TotalSeconds;

    /// <summary>The path of <paramref name="file"/> in the staging folder.</summary>
    public string PathOf(string file) => Path.Combine(StagingDirectory, file);

    /// <summary>A detail line on the progress display.</summary>
    public void Detail(string text) => _progress.Detail(text);

    /// <summary>
    /// The result of the step <paramref name="key"/> (one of the plan's): the saved one when an earlier run finished it,
    /// else <paramref name="compute"/>'s, saved before returning. Files the step writes must be written inside
    /// <paramref name="compute"/> (so a saved step implies its files).
    /// </summary>
    public T Unit<T>(string key, Func<T> compute) where T : class
    {
        var unit = _plan.FirstOrDefault(u => u.Key == key) ?? throw new InvalidOperationException($"step '{key}' is not in the plan of {Part}");
        _step++;
        string path = Path.Combine(StagingDirectory, ".steps", key + ".json");
        if (ReproductionJson.TryRead<T>(path) is { } saved)
        {
            _progress.EndStep(unit, 0, skipped: true);
            return saved;
        }
        _progress.BeginStep(unit, _step, _plan.Count);
        var clock = Stopwatch.StartNew();
        var result = compute();
        ReproductionJson.Write(path, result);
        ReproductionJson.Write(Path.Combine(StagingDirectory, ".state.json"), new StagingState(Mode, Seconds));
        _progress.EndStep(unit, clock.Elapsed.TotalSeconds, skipped: false);
        return result;
    }

    /// <summary>
    /// Finishes the part: writes <c>done.json</c> into the staging folder, drops the saved steps, and renames the staging
    /// folder to <see cref="FinalDirectory"/> (replacing an older one).
    /// </summary>
    public void Publish(PartResult result)
    {
        ReproductionJson.Write(PathOf(DoneFile), result);
        Directory.Delete(Path.Combine(StagingDirectory, ".steps"), recursive: true);
        File.Delete(PathOf(".state.json"));
        PublishStaged(StagingDirectory, FinalDirectory);
    }

    /// <summary>Moves a finished staging folder into place (also used to complete a publish that was interrupted).</summary>
    internal static void PublishStaged(string staging, string final)
    {
        if (Directory.Exists(final))
        {
            // Out of the way first, then delete: a crash in between leaves the old folder under a name no reader uses.
            string old = final + ".old";
            if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
            Directory.Move(final, old);
            Directory.Move(staging, final);
            Directory.Delete(old, recursive: true);
        }
        else Directory.Move(staging, final);
        string parent = Path.GetDirectoryName(staging)!;
        if (Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any()) Directory.Delete(parent);
    }

    /// <summary>The finished result of <paramref name="part"/> in <paramref name="output"/> for <paramref name="mode"/>,
    /// or null (then the part runs). Completes a publish that was interrupted after <c>done.json</c> was written.</summary>
    public static PartResult? Finished(string output, string part, ReproductionMode mode)
    {
        string final = Path.Combine(output, part), staging = Path.Combine(output, ".partial", part);
        if (ReproductionJson.TryRead<PartResult>(Path.Combine(staging, DoneFile)) is { } staged && staged.Mode == mode)
            PublishStaged(staging, final);
        return ReproductionJson.TryRead<PartResult>(Path.Combine(final, DoneFile)) is { } done && done.Mode == mode ? done : null;
    }

    /// <summary>The keys of the steps an interrupted run of <paramref name="part"/> in <paramref name="mode"/> saved in
    /// <paramref name="output"/> (they will be reused), for the duration estimate.</summary>
    public static IReadOnlySet<string> SavedSteps(string output, string part, ReproductionMode mode)
    {
        string staging = Path.Combine(output, ".partial", part);
        if (ReproductionJson.TryRead<StagingState>(Path.Combine(staging, ".state.json")) is not { } state || state.Mode != mode) return new HashSet<string>();
        string steps = Path.Combine(staging, ".steps");
        return Directory.Exists(steps) ? Directory.GetFiles(steps, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet() : new HashSet<string>();
    }

    /// <summary>The staging folder's own record: the mode it was started in and the seconds spent so far.</summary>
    private sealed record StagingState(ReproductionMode Mode, double Seconds);
}
