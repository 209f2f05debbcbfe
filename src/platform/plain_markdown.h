#pragma once
// Bitbucket's and Azure DevOps' comment renderers show HTML as text, where GitHub and GitLab
// render the little codegate writes (the hidden markers, <details>, <sub>, <br>). These rewrite
// codegate's own markup into plain Markdown and read a comment written that way back. Text from
// tools and the model never becomes markup here: escape_markdown() has put a backslash before
// every '<' of it, and such a '<' is left alone, as is everything inside a code fence.

#include <string>
#include <string_view>

namespace codegate::platform {

// `<!-- X -->` on a line of its own becomes `[//]: # (X)` (a link reference definition: every
// CommonMark renderer hides it); `<details><summary>T</summary>` becomes `**T**`, `</details>`,
// `<sub>` and `</sub>` go, `<br>` becomes " · ".
std::string plain_markdown(std::string_view body);

// The inverse for the markers: `[//]: # (X)` lines back to `<!-- X -->`, so comment_key() and
// is_summary() read a comment this run or an earlier one wrote through plain_markdown().
std::string restore_markers(std::string_view body);

} // namespace codegate::platform
