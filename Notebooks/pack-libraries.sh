#!/usr/bin/env bash
# Packs the toolkit's libraries as local NuGet packages and installs them into NuGet's global packages folder, so
# that a notebook loads the whole toolkit with one line:
#
#   #r "nuget: Science.Interactive, 0.1.0-local"
#
#   bash Notebooks/pack-libraries.sh          # from anywhere; about 15 s with an up-to-date Release build
#
# Why the global packages folder: .NET Interactive's `#i "nuget: SOURCE"` accepts only absolute paths or URLs (a
# relative path such as ../artifacts/packages fails with "Invalid URI"), and an absolute path would tie the committed
# notebooks to one machine. A package whose exact version is already in the global packages folder is restored
# from there without asking any source, so the notebooks need no `#i` at all.
#
# Steps: `dotnet pack Science.sln -c Release -o artifacts/packages -p:PackageVersion=0.1.0-local` (test projects,
# bench and the CLI are not packable); removes the cached copies of that version (NuGet never refreshes a version it
# has, and this fixed local version changes with the code); restores a throw-away project that references
# Science.Interactive from artifacts/packages, which extracts it and its dependencies into the global packages folder.
# Environment: NUGET_PACKAGES (the global packages folder, default ~/.nuget/packages). Exit code 0 on success.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="0.1.0-local"
packages="$root/artifacts/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

rm -f "$packages"/Science.*."$version".nupkg
if ! dotnet pack "$root/Science.sln" -c Release -o "$packages" -p:PackageVersion="$version" -nologo -v quiet; then
  echo "error: dotnet pack failed" >&2
  exit 1
fi

cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
for cached in "$cache"/science.*/"$version"; do
  if [ -d "$cached" ]; then rm -rf "$cached"; fi
done

seed="$(mktemp -d "${TMPDIR:-/tmp}/science-seed.XXXXXX")"
trap 'rm -rf "$seed"' EXIT
cat >"$seed/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="science-local" value="$packages" />
  </packageSources>
</configuration>
XML
cat >"$seed/seed.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <NoWarn>\$(NoWarn);NU1603</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Science.Interactive" Version="[$version]" />
  </ItemGroup>
</Project>
XML
if ! dotnet restore "$seed/seed.csproj" -nologo -v quiet; then
  echo "error: restoring Science.Interactive $version from $packages failed" >&2
  exit 1
fi
echo "packed $(ls "$packages"/*."$version".nupkg | wc -l) packages ($version) into $packages and installed them into $cache"
