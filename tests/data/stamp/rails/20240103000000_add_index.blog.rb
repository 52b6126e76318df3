class Scoped < ActiveRecord::Migration[6.1]
end
