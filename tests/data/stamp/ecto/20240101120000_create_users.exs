defmodule M do
end
