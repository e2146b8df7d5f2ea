namespace Science.Cli.Reproduce;

/// <summary>How much of the papers' work a reproduction does.</summary>
public enum ReproductionMode
{
    /// <summary>The README's run: every table and figure at reduced settings, under a minute on 2 cores.</summary>
    Quick,
    /// <summary>The papers' settings: more QG snapshots (0, 5 and five stacked), three seeds and the long KS assimilation.</summary>
    Paper,
}
