#pragma once
// The portal application: owns the state, runs one frame at a time, turns view actions into
// backend calls. Views only read it.
#include <memory>
#include <string>

#include "backend/backend.hpp"
#include "connection.hpp"
#include "ui/theme.hpp"

namespace portal {

class App {
  public:
    explicit App(std::unique_ptr<Backend> backend);

    void start();
    void rebuild_for_scale(float scale);
    void frame();

  private:
    void publish_status();

    std::unique_ptr<Backend> backend_;
    ServiceConnection connection_;
    ui::Fonts fonts_;
    std::string announced_;
    bool ready_signalled_ = false;
};

}  // namespace portal
