using System.Text;

namespace Science.Cli.Help;

/// <summary>
/// Response files, as in System.CommandLine: an argument <c>@FILE</c> is replaced by the arguments FILE holds. Each
/// line is split into shell-like words (spaces separate; "…" and '…' quote, with \" and \\ inside double quotes); a
/// word starting with # begins a comment to the end of the line; so one argument per line works as well. Paths are
/// relative to the current folder; a response file may name another one (at most <see cref="MaxDepth"/> deep). A bare
/// "@" is an ordinary argument.
/// </summary>
internal static class ResponseFiles
{
    /// <summary>How deep response files may nest.</summary>
    public const int MaxDepth = 8;

    /// <summary>The arguments with every <c>@FILE</c> expanded.</summary>
    /// <exception cref="CliException">A file is missing or unreadable (exit 3), or has an unterminated quote or nests too deep (exit 2).</exception>
    public static string[] Expand(IReadOnlyList<string> args) => [.. Expand(args, 0)];

    private static IEnumerable<string> Expand(IReadOnlyList<string> args, int depth)
    {
        foreach (string arg in args)
        {
            if (arg.Length < 2 || arg[0] != '@')
            {
                yield return arg;
                continue;
            }
            if (depth >= MaxDepth) throw new CliException($"response file {arg}: response files nest more than {MaxDepth} deep");
            foreach (string inner in Expand(Read(arg[1..]), depth + 1)) yield return inner;
        }
    }

    private static List<string> Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string why = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : CliErrors.Clean(e.Message);
            throw new CliException($"response file @{path}: {why}", 3);
        }
        var words = new List<string>();
        for (int i = 0; i < lines.Length; i++) Split(lines[i], words, $"response file @{path} line {i + 1}");
        return words;
    }

    /// <summary>Splits one line into words (see the class remarks), appending them to <paramref name="words"/>.</summary>
    public static void Split(string line, List<string> words, string where)
    {
        var word = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else if (c == '#' && !inWord)
            {
                return;
            }
            else if (c is '"' or '\'')
            {
                inWord = true;
                int close = i + 1;
                for (; close < line.Length && line[close] != c; close++)
                {
                    if (c == '"' && line[close] == '\\' && close + 1 < line.Length && line[close + 1] is '"' or '\\') close++;
                    word.Append(line[close]);
                }
                if (close >= line.Length) throw new CliException($"{where}: unterminated {c} quote");
                i = close;
            }
            else
            {
                inWord = true;
                word.Append(c);
            }
        }
        if (inWord) words.Add(word.ToString());
    }
}
