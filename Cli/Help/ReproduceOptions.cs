using Science.Cli.Commands;

namespace Science.Cli.Help;

/// <summary>The option table of <c>medida reproduce</c>.</summary>
internal static class ReproduceOptions
{
    public static CliCommand Reproduce => new()
    {
        Name = "medida reproduce",
        Words = ["reproduce"],
        Usage = ReproduceCommand.Usage,
        Description =
            "Regenerates the tables and figures of the notebooks as files: per part a folder DIR/PART with table.csv, " +
            "table.json, interactive HTML charts (one shared plotly.min.js in DIR) and PNG maps, and DIR/index.html that " +
            "shows every table with the spec's expected values beside ours and a pass/fail mark per row, and the charts " +
            "(offline). Progress goes to standard error. A finished part has DIR/PART/done.json and is skipped on a rerun; " +
            "an interrupted part resumes from its finished steps. Exit code 1 when a row fails.",
        Options =
        [
            CliOption.Text("output", "DIR", "The report folder (created if needed).") with { Required = true },
            CliOption.Flag("quick", "Reduced settings, a few minutes on 2 cores (the default)."),
            CliOption.Flag("paper", "The papers' settings; prints the estimated duration on this machine first (not with --quick)."),
            CliOption.Text("only", "PART[,PART]", "Run only these parts (the index shows the finished ones).", "all",
                "comma-separated list of " + string.Join(", ", ReproduceCommand.PartKeys)),
            CliOption.Text("data", "DIR", "The folder holding qg_spunup.h5 and qg_trajectory.h5.", "the first data/ in or above the current folder"),
            SharedOptions.Quiet,
        ],
    };
}
