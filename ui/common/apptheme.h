#pragma once

class QApplication;

namespace funnel {

// The application's look: Fusion with a dark palette that keeps contrast for text and selection.
class AppTheme
{
public:
    static void applyDark(QApplication &app);
};

} // namespace funnel
