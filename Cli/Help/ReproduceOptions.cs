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
            "Regenerates the tables and figures of notebooks 02 (QG, full observations), 03 (sparse observations), 04 " +
            "(assimilation: DAPPER's benchmarks) and 06 (Kuramoto–Sivashinsky) into DIR/PART/ (CSV/JSON tables, HTML and PNG " +
            "charts) and writes DIR/index.html with the spec's expected values beside ours and a pass/fail mark per row. " +
            "Each finished part is kept (DIR/PART/done.json): a second run skips it, an interrupted one resumes.",
        Options =
        [
            CliOption.Text("output", "DIR", "The output folder.") with { Required = true },
            CliOption.Flag("quick", "Reduced settings, a few minutes on 2 cores (the default)."),
            CliOption.Flag("paper", "The papers' settings (more snapshots, sensor ratios, seeds, the long KS assimilation); prints its estimated duration first."),
            CliOption.Text("only", "PART[,PART]", "Run only these parts.", "all", "parts of qg|sparse|ks|assimilation|qg-assimilation"),
            CliOption.Text("data", "DIR", "The folder with qg_spunup.h5 and qg_trajectory.h5.", "data/ in or above the current folder"),
            SharedOptions.Quiet,
        ],
    };
}
