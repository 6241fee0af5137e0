// The subcommands of the tmkit executable. Each Add* function declares one subcommand's
// options on app and, when that subcommand is chosen, sets *run to the code that runs it.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "cli/cli_common.h"

namespace tmkit::cli {

using Runner = std::function<int()>;

CLI::App* AddSubcommand(CLI::App& app, GlobalOptions& g, const std::string& name,
                        const std::string& description, const std::string& examples);

void AddImport(CLI::App& app, GlobalOptions& g, Runner* run);
void AddExport(CLI::App& app, GlobalOptions& g, Runner* run);
void AddExportOmegaT(CLI::App& app, GlobalOptions& g, Runner* run);
void AddStats(CLI::App& app, GlobalOptions& g, Runner* run);
void AddShow(CLI::App& app, GlobalOptions& g, Runner* run);
void AddLookup(CLI::App& app, GlobalOptions& g, Runner* run);
void AddConcordance(CLI::App& app, GlobalOptions& g, Runner* run);
void AddSegment(CLI::App& app, GlobalOptions& g, Runner* run);
void AddAlign(CLI::App& app, GlobalOptions& g, Runner* run);
void AddPretranslate(CLI::App& app, GlobalOptions& g, Runner* run);
void AddHarvest(CLI::App& app, GlobalOptions& g, Runner* run);
void AddServe(CLI::App& app, GlobalOptions& g, Runner* run);
void AddCheck(CLI::App& app, GlobalOptions& g, Runner* run);
void AddTermCommands(CLI::App& app, GlobalOptions& g, Runner* run);
void AddLexiconCommands(CLI::App& app, GlobalOptions& g, Runner* run);

}  // namespace tmkit::cli
