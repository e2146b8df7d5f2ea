namespace Science.Cli.Reproduce;

/// <summary>
/// One resumable step of a part: its result is saved as soon as it is done, so an interrupted run does not redo it.
/// </summary>
/// <param name="Key">A file-name-safe key, unique within the part (e.g. "case-1001").</param>
/// <param name="Label">What the step does, for the progress display.</param>
/// <param name="ReferenceSeconds">Its wall time on the reference machine (2 cores, measured), for the duration estimate.</param>
public sealed record WorkUnit(string Key, string Label, double ReferenceSeconds);

/// <summary>
/// A part of the reproduction: one notebook's (or study's) tables and figures, written into its own folder.
/// </summary>
internal interface IReproductionPart
{
    /// <summary>The key and folder name ("qg", "sparse", "ks", "assimilation", "qg-assimilation").</summary>
    string Key { get; }

    /// <summary>The section title of the index page.</summary>
    string Title { get; }

    /// <summary>One paragraph on what the part regenerates and from which settings (HTML-encoded by the index writer).</summary>
    string Description(ReproductionMode mode);

    /// <summary>The steps of the part in <paramref name="mode"/>, in the order <see cref="Run"/> does them.</summary>
    IReadOnlyList<WorkUnit> Plan(ReproductionMode mode);

    /// <summary>Runs the part in the workspace (each planned step through <see cref="PartWorkspace.Unit{T}"/>) and
    /// returns its rows, charts and tables.</summary>
    PartResult Run(PartWorkspace workspace);
}
