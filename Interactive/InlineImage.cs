using Science.Visualization;

namespace Science.Interactive;

/// <summary>Static images inlined as <c>data:</c> URIs, so a saved notebook shows them without files or JavaScript.</summary>
internal static class InlineImage
{
    /// <summary>An <c>&lt;img&gt;</c> element that carries the PNG file's bytes.</summary>
    public static string Png(string path, string alt, string? id = null) =>
        $"<img{(id is null ? "" : $" id=\"{id}\"")} style=\"max-width:100%\" alt=\"{HtmlTable.Encode(alt)}\" " +
        $"src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(path))}\"/>";

    /// <summary>A PNG heatmap of one <c>[y, x]</c> field (<see cref="Charts.MapPng"/>) as an <c>&lt;img&gt;</c>.</summary>
    public static string Map(string title, double[] x, double[] y, double[] field, int width, int height)
    {
        using var scratch = new ScratchFolder();
        string png = scratch.File("map.png");
        Charts.MapPng(png, title, x, y, field, width, height);
        return Png(png, title);
    }
}
