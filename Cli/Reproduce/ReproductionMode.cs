namespace Science.Cli.Reproduce;

/// <summary>How much of the papers' work a reproduction does.</summary>
public enum ReproductionMode
{
    /// <summary>The README's run: every table and figure at reduced settings, about 2–3 minutes on 2 cores.</summary>
    Quick,
    /// <summary>The papers' settings: more snapshots, sensor ratios, seeds and the long KS assimilation.</summary>
    Paper,
}
