using Microsoft.DotNet.Interactive.Formatting;
using Science.Assimilation.Runs;
using Science.Interpolation;
using Science.Medida.Discovery;
using Science.Medida.Experiments;
using Science.QgModel;

namespace Science.Interactive;

/// <summary>
/// Registers the toolkit's HTML formatters with .NET Interactive, so that a notebook cell that ends with (or
/// <c>display</c>s) a <see cref="QgParameters"/>, <see cref="QgState"/>, <see cref="DiscoveryReport"/>,
/// <see cref="ExperimentResult"/>, <see cref="SensorLayout"/> or <see cref="AssimilationRun"/> shows a table (and a
/// map or chart) instead of the default object dump.
/// </summary>
/// <remarks>
/// Loading the package with <c>#r "nuget: Science.Interactive, …"</c> calls <see cref="Register"/> through the package's
/// kernel extension script (<c>interactive-extensions/dotnet/extension.dib</c>); call it yourself when the assembly is
/// referenced by path. Calling it again does nothing.
/// </remarks>
public static class Display
{
    private static int _registered;

    /// <summary>True once <see cref="Register"/> has run in this process.</summary>
    public static bool IsRegistered => Volatile.Read(ref _registered) == 1;

    /// <summary>Registers every formatter for the <c>text/html</c> MIME type (once per process).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        Html<QgParameters>(QgParametersHtml.Write);
        Html<QgState>(QgStateHtml.Write);
        Html<DiscoveryReport>(DiscoveryReportHtml.Write);
        Html<ExperimentResult>((result, writer) => DiscoveryReportHtml.Write(result.Report, writer));
        Html<SensorLayout>(SensorLayoutHtml.Write);
        Html<AssimilationRun>(AssimilationRunHtml.Write);
    }

    private static void Html<T>(Action<T, TextWriter> write)
    {
        Formatter.Register(write, HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType);
    }
}
